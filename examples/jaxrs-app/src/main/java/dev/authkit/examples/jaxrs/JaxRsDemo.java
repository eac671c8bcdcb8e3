package dev.authkit.examples.jaxrs;

import dev.authkit.core.AuthKit;
import dev.authkit.jaxrs.AuthKitFeature;
import dev.authkit.testkit.LocalDevelopment;
import java.net.URI;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The authkit-java JAX-RS demo on Jersey over Grizzly: {@code PORT} (default 8090), WorkOS from the
 * {@code WORKOS_*} variables or an embedded FakeWorkOS without them. {@code /me} needs a session;
 * {@code /admin} the admin role; {@code /posts/new} the {@code posts:write} permission;
 * {@code /api/posts} takes bearer tokens.
 */
public final class JaxRsDemo implements AutoCloseable {
    private final HttpServer server;
    private final LocalDevelopment local;

    private JaxRsDemo(HttpServer server, LocalDevelopment local) {
        this.server = server;
        this.local = local;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8090"));
        JaxRsDemo demo = start(port, System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
        Thread.currentThread().join();
    }

    public static JaxRsDemo start(int port, Map<String, String> env) {
        String origin = "http://localhost:" + port;
        LocalDevelopment local = LocalDevelopment.start(env, origin + "/callback");
        AuthKit.Builder builder = AuthKit.builder(local.config())
                .middlewareAuth(true)
                .unauthenticatedPaths("/", "/api/:path*")
                .acceptBearerTokens(true);
        local.fake().ifPresent(f -> builder.clock(f.clock()));
        ResourceConfig app = new ResourceConfig().register(new AuthKitFeature(builder.build())).register(DemoResources.class)
                // the demo needs neither WADL nor the jakarta.activation DataSource body provider; left on, Jersey
                // looks for JAXB and jakarta.activation (not on the class path) and warns at every start
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(CommonProperties.PROVIDER_DEFAULT_DISABLE, "DATASOURCE");
        // localhost only unless DEMO_HOST says otherwise (DEMO_HOST=0.0.0.0 to reach it from elsewhere)
        String host = env.getOrDefault("DEMO_HOST", "localhost");
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://" + host + ":" + port + "/"), app);
        System.out.println("JAX-RS demo running at " + origin);
        return new JaxRsDemo(server, local);
    }

    /** The embedded fake, when the demo runs on one. */
    public LocalDevelopment local() {
        return local;
    }

    @Override
    public void close() {
        server.shutdownNow();
        local.close();
    }
}
