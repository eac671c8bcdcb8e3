package dev.authkit.security;

import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.jaxrs.AuthKitFeature;
import dev.authkit.servlet.AuthKitFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A container configuration under attack, serving one application: {@code /admin/*} is the
 * protected resource (its body says {@value #PROTECTED_MARKER}), everything else is public and
 * says who is signed in ({@code public signed-out} or {@code public user_...}). authkit protects
 * every path but {@code /} and {@code /public/*}.
 */
enum Target {
    JETTY_DEFAULTS, JETTY_11_COMPLIANCE, JETTY_LEGACY_DECODE_AMBIGUOUS,
    TOMCAT_DEFAULTS, TOMCAT_ENCODED_SOLIDUS_DECODE, TOMCAT_ALLOW_BACKSLASH,
    JERSEY_GRIZZLY;

    static final String PROTECTED_MARKER = "ADMIN-RESOURCE";

    /**
     * A started server; {@link #close()} stops it. Its close() throws no checked exception (a
     * failure to stop is unchecked), so try-with-resources needs no catch for it.
     */
    interface Running extends AutoCloseable {
        int port();

        @Override
        void close();
    }

    Running start(AuthKit authKit) throws Exception {
        return switch (this) {
            case JETTY_DEFAULTS -> jetty(authKit, UriCompliance.DEFAULT, false);
            case JETTY_11_COMPLIANCE -> jetty(authKit, UriCompliance.JETTY_11, false);
            case JETTY_LEGACY_DECODE_AMBIGUOUS -> jetty(authKit, UriCompliance.LEGACY, true);
            case TOMCAT_DEFAULTS -> tomcat(authKit, c -> { });
            case TOMCAT_ENCODED_SOLIDUS_DECODE -> tomcat(authKit, c -> c.setEncodedSolidusHandling("decode"));
            case TOMCAT_ALLOW_BACKSLASH -> tomcat(authKit, c -> c.setAllowBackslash(true));
            case JERSEY_GRIZZLY -> jersey(authKit);
        };
    }

    /** The protected servlet, mapped to {@code /admin/*}. */
    static final class AdminServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            res.setContentType("text/plain");
            res.getWriter().write(PROTECTED_MARKER + " " + req.getPathInfo());
        }
    }

    /** Everything else, mapped to {@code /*}: says who the filter signed in. */
    static final class PublicServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            Object auth = req.getAttribute(AuthKitFilter.AUTH_ATTRIBUTE);
            res.setContentType("text/plain");
            res.getWriter().write("public " + who(auth));
        }
    }

    static String who(Object auth) {
        return auth instanceof Auth a && a.isSignedIn() ? a.userId().orElse("?") : "signed-out";
    }

    /** The JAX-RS protected resource: {@code admin} and anything below it. */
    @Path("admin")
    public static final class AdminResource {
        @GET
        public String root() {
            return PROTECTED_MARKER;
        }

        @GET
        @Path("{rest: .*}")
        public String below() {
            return PROTECTED_MARKER;
        }
    }

    /** The JAX-RS public resource: every other path. */
    @Path("/")
    public static final class PublicResource {
        @jakarta.ws.rs.core.Context
        SecurityContext security;

        @GET
        public String root() {
            return "public " + (security.getUserPrincipal() == null ? "signed-out" : security.getUserPrincipal().getName());
        }

        @GET
        @Path("{rest: .*}")
        public String below() {
            return root();
        }
    }

    private static Running jetty(AuthKit authKit, UriCompliance compliance, boolean decodeAmbiguous) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(compliance);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.getServletHandler().setDecodeAmbiguousURIs(decodeAmbiguous);
        context.addFilter(new FilterHolder(new AuthKitFilter(authKit)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new AdminServlet()), "/admin/*");
        context.addServlet(new ServletHolder(new PublicServlet()), "/*");
        server.setHandler(context);
        server.start();
        return new Running() {
            @Override
            public int port() {
                return connector.getLocalPort();
            }

            @Override
            public void close() {
                try {
                    server.stop();
                } catch (Exception e) {
                    throw new IllegalStateException("Jetty did not stop", e);
                }
            }
        };
    }

    private static Running tomcat(AuthKit authKit, Consumer<Connector> settings) throws Exception {
        java.nio.file.Path baseDir = Files.createTempDirectory("tomcat-hostile");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        Connector connector = tomcat.getConnector();
        connector.setProperty("address", "127.0.0.1");
        settings.accept(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        FilterDef def = new FilterDef();
        def.setFilterName("authkit");
        def.setFilter(new AuthKitFilter(authKit));
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("authkit");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "admin", new AdminServlet());
        context.addServletMappingDecoded("/admin/*", "admin");
        Tomcat.addServlet(context, "public", new PublicServlet());
        context.addServletMappingDecoded("/*", "public");
        tomcat.start();
        return new Running() {
            @Override
            public int port() {
                return connector.getLocalPort();
            }

            @Override
            public void close() {
                try {
                    tomcat.stop();
                    tomcat.destroy();
                } catch (LifecycleException e) {
                    throw new IllegalStateException("Tomcat did not stop", e);
                }
                try (var files = Files.walk(baseDir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static Running jersey(AuthKit authKit) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + port + "/"),
                new ResourceConfig().register(new AuthKitFeature(authKit)).register(AdminResource.class)
                        .register(PublicResource.class));
        return new Running() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                server.shutdownNow();
            }
        };
    }
}
