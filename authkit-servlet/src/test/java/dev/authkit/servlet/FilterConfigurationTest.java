package dev.authkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.SignInOptions;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter configured as web.xml would (init parameters), and the static helpers, on Jetty. */
class FilterConfigurationTest {
    static final String PASSWORD = "servlet-filter-test-password-0123456789";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    FakeWorkOS fake;
    Server server;
    String base;

    /** ensureSignedIn, signInUrl and withAuth from a servlet. */
    static class HelperServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            switch (req.getRequestURI()) {
                case "/ensure" -> {
                    var auth = ServletAuthKit.ensureSignedIn(req, resp);
                    if (auth.isPresent()) {
                        resp.getWriter().write("hello " + auth.get().userId().orElseThrow());
                    }
                }
                case "/link" -> resp.getWriter().write(ServletAuthKit.signUpUrl(req, resp, SignInOptions.defaults()));
                default -> resp.getWriter().write("principal=" + req.getRemoteUser() + " auth=" + req.getAuthType()
                        + " header=" + req.getHeader("x-workos-session"));
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        FilterHolder filter = new FilterHolder(AuthKitFilter.class); // as web.xml does: no-argument constructor
        fake.environment().forEach(filter::setInitParameter);
        filter.setInitParameter("WORKOS_COOKIE_PASSWORD", PASSWORD);
        filter.setInitParameter("WORKOS_REDIRECT_URI", base + "/callback");
        filter.setInitParameter("middlewareAuth", "true");
        filter.setInitParameter("unauthenticatedPaths", "/ensure, /link /open");
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HelperServlet()), "/*");
        server.setHandler(context);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        fake.close();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String cookie(String user) {
        return "wos-session=" + fake.signIn(fake.user(user).orElseThrow()).cookieValue(PASSWORD);
    }

    @Test
    void initParametersConfigureTheFilter() throws Exception {
        assertThat(get("/protected", "Accept", "text/html").statusCode()).as("middlewareAuth=true").isEqualTo(307);
        assertThat(get("/open").statusCode()).as("a public path").isEqualTo(200);
        assertThat(get("/protected", "Cookie", cookie(DemoData.ALICE), "x-workos-session", "spoofed").body())
                .isEqualTo("principal=" + DemoData.ALICE + " auth=WORKOS header=null");
    }

    @Test
    void ensureSignedInRedirectsOrAnswers() throws Exception {
        HttpResponse<String> out = get("/ensure?next=1", "Accept", "text/html");
        assertThat(out.statusCode()).isEqualTo(307);
        assertThat(out.headers().firstValue("Location").orElseThrow()).startsWith(fake.baseUrl());
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("wos-auth-verifier-"));
        assertThat(get("/ensure", "Cookie", cookie(DemoData.BOB)).body()).isEqualTo("hello " + DemoData.BOB);
        HttpResponse<String> link = get("/link");
        assertThat(link.body()).contains("screen_hint=sign-up");
        assertThat(link.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("wos-auth-verifier-"));
    }

    @Test
    void settingsAreValidated() {
        Map<String, String> env = new HashMap<>(fake.environment());
        env.put("WORKOS_COOKIE_PASSWORD", PASSWORD);
        env.put("WORKOS_REDIRECT_URI", "http://localhost/callback");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of("middlewareAuht", "true")))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("middlewareAuht");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of("eagerAuth", "yes")))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("eagerAuth");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of("unauthenticatedPaths", "[*")))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("[*");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of("refreshBufferSeconds", "soon")))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("refreshBufferSeconds");
        assertThatThrownBy(() -> FilterSettings.from(Map.of(), Map.of())).isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("WORKOS_CLIENT_ID");
        assertThat(FilterSettings.from(env, Map.of("trustForwardedHeaders", "TRUE")).trustForwardedHeaders()).isTrue();
    }

    /** Every builder option that can be text is an init parameter now (AuthKitOptions), not only the first eight. */
    @Test
    void everyTextOptionIsAnInitParameter() {
        Map<String, String> env = new HashMap<>(fake.environment());
        env.put("WORKOS_COOKIE_PASSWORD", PASSWORD);
        env.put("WORKOS_REDIRECT_URI", "http://localhost/callback");
        Map<String, String> params = new HashMap<>();
        params.put("acceptBearerTokens", "true");
        params.put("routes.signIn", "/login");
        params.put("routes.api", "");
        params.put("httpTimeout", "5s");
        params.put("refreshGracePeriod", "20s");
        params.put("refreshBuffer", "PT45S");
        params.put("allowedReturnOrigins", "https://other.example");
        params.put("callback.returnPathname", "/home");
        params.put("pathPolicy.allow", "semicolon");
        params.put("trustForwardedHeaders", "false");
        dev.authkit.core.AuthKit kit = FilterSettings.from(env, params).authKit();
        assertThat(kit.handle(request("/x", "Authorization", "Bearer nonsense")))
                .isInstanceOfSatisfying(dev.authkit.core.Outcome.Respond.class, r -> assertThat(r.status()).isEqualTo(401));
        assertThat(kit.handle(request("/login", "Accept", "text/html"))).isInstanceOf(dev.authkit.core.Outcome.Redirect.class);
        assertThat(kit.handle(request("/auth/api/session"))).isInstanceOf(dev.authkit.core.Outcome.Continue.class);
        assertThat(kit.handle(request("/a;b"))).isInstanceOf(dev.authkit.core.Outcome.Continue.class);
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of("httpTimeout", "2"))).isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("httpTimeout").hasMessageContaining("30s");
    }

    static dev.authkit.core.AuthKitRequest request(String path, String... headers) {
        return new dev.authkit.core.AuthKitRequest() {
            @Override
            public String method() {
                return "GET";
            }

            @Override
            public String url() {
                return "http://localhost" + path;
            }

            @Override
            public java.util.List<String> headers(String name) {
                for (int i = 0; i < headers.length; i += 2) {
                    if (headers[i].equalsIgnoreCase(name)) {
                        return java.util.List.of(headers[i + 1]);
                    }
                }
                return java.util.List.of();
            }
        };
    }

    @Test
    void aRedisUriWithoutAuthkitRedisOnTheClassPathSaysWhichModuleToAdd() {
        Map<String, String> env = new HashMap<>(fake.environment());
        env.put("WORKOS_COOKIE_PASSWORD", PASSWORD);
        env.put("WORKOS_REDIRECT_URI", "http://localhost/callback");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of("AUTHKIT_REDIS_URI", "redis://localhost:6379")))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("dev.authkit:authkit-redis");
        env.put("AUTHKIT_REDIS_URI", "rediss://:secret@cache.internal:6380/2");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of()))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("authkit-redis").hasMessageNotContaining("secret");
        env.put("AUTHKIT_REDIS_URI", "memcached://localhost");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of()))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("memcached");
        assertThat(FilterSettings.from(env, Map.of("AUTHKIT_REDIS_URI", " ")).coordination()).isEmpty();
    }

    @Test
    void aSessionStoreUriIsReadFromInitParametersAndTheEnvironmentAndNamesTheModuleToAdd() {
        Map<String, String> env = new HashMap<>(fake.environment());
        env.put("WORKOS_COOKIE_PASSWORD", PASSWORD);
        env.put("WORKOS_REDIRECT_URI", "http://localhost/callback");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of("AUTHKIT_SESSION_STORE_URI", "redis://localhost:6379")))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("session store")
                .hasMessageContaining("dev.authkit:authkit-redis");
        env.put("AUTHKIT_SESSION_STORE_URI", "rediss://:secret@cache.internal:6380/2");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of()))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("authkit-redis").hasMessageNotContaining("secret");
        assertThat(FilterSettings.from(env, Map.of("AUTHKIT_SESSION_STORE_URI", " ")).sessionStore()).isEmpty();
    }

    @Test
    void withAuthOutsideTheFilterSaysSo() {
        var request = (HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> "/elsewhere";
                    default -> null;
                });
        assertThatThrownBy(() -> ServletAuthKit.withAuth(request)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/elsewhere").hasMessageContaining("AuthKitFilter");
    }
}
