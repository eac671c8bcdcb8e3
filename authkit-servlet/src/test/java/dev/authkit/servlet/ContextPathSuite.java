package dev.authkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The filter in an application under the context path {@code /app}, registered for the REQUEST,
 * ERROR and ASYNC dispatches as Spring Boot registers filters: globs and built-in routes are
 * relative to the context path, the callback lives at the redirect URI, and error pages and async
 * completions see the user without a second decision. One server per container for all cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContextPathSuite {
    static final String PASSWORD = "context-path-test-password-0123456789xyz";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    FakeWorkOS fake;
    AutoCloseable server;
    String base;

    /** Starts the container with the context path {@code /app}, the filter, the servlet and {@code /error} as error page. */
    abstract AutoCloseable start(int port, String contextPath, Filter filter, EnumSet<DispatcherType> dispatches,
                                 HttpServlet servlet, String errorPage) throws Exception;

    /** The application: public {@code /} and {@code /boom-public}, everything else protected. */
    static class App extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
            if (req.getDispatcherType() == DispatcherType.ERROR) {
                resp.setStatus(500);
                resp.getWriter().write("error page for " + req.getRemoteUser() + " admin=" + req.isUserInRole("admin")
                        + " withAuth=" + ServletAuthKit.withAuth(req).userId().orElse("none"));
                return;
            }
            if (req.getDispatcherType() == DispatcherType.ASYNC) {
                resp.getWriter().write("async done for " + req.getRemoteUser());
                return;
            }
            switch (path) {
                case "/boom", "/boom-public" -> throw new IllegalStateException("the application failed");
                case "/async" -> {
                    AsyncContext async = req.startAsync();
                    async.start(async::dispatch);
                }
                default -> resp.getWriter().write("page " + path + " for " + req.getRemoteUser());
            }
        }
    }

    @BeforeAll
    void startServers() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Map<String, String> env = new HashMap<>(fake.environment());
        env.put("WORKOS_COOKIE_PASSWORD", PASSWORD);
        env.put("WORKOS_REDIRECT_URI", base + "/app/callback");
        AuthKit kit = AuthKit.builder(AuthKitConfig.fromMap(env)).middlewareAuth(true)
                .unauthenticatedPaths("/", "/boom-public").clock(fake.clock()).build();
        server = start(port, "/app", new AuthKitFilter(kit),
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC), new App(), "/error");
    }

    @AfterAll
    void stopServers() throws Exception {
        server.close();
        fake.close();
    }

    @Test
    void globsAreRelativeToTheContextPath() throws Exception {
        HttpResponse<String> root = get("/app/", null);
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).isEqualTo("page / for null");
        assertThat(get("/app/private", null).statusCode()).isEqualTo(307);
    }

    @Test
    void builtInRoutesAreRelativeToTheContextPath() throws Exception {
        HttpResponse<String> session = get("/app/auth/api/session", null);
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).isEqualTo("{\"signedIn\":false}");
        HttpResponse<String> signIn = get("/app/auth/sign-in", null);
        assertThat(signIn.statusCode()).isEqualTo(307);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).startsWith(fake.baseUrl());
    }

    @Test
    void signInReturnsToThePathUnderTheContextPath() throws Exception {
        fake.autoSignIn(fake.user(DemoData.ALICE).orElseThrow());
        try {
            HttpResponse<String> protectedPage = get("/app/private?tab=1", null);
            assertThat(protectedPage.statusCode()).isEqualTo(307);
            String verifier = cookies(protectedPage);
            HttpResponse<String> authorize = HTTP.send(HttpRequest.newBuilder(
                    URI.create(protectedPage.headers().firstValue("Location").orElseThrow())).build(),
                    HttpResponse.BodyHandlers.ofString());
            String callback = authorize.headers().firstValue("Location").orElseThrow();
            assertThat(callback).startsWith(base + "/app/callback?");
            HttpResponse<String> done = get(callback.substring(base.length()), verifier);
            assertThat(done.statusCode()).isEqualTo(307);
            assertThat(done.headers().firstValue("Location").orElseThrow()).isEqualTo(base + "/app/private?tab=1");
            HttpResponse<String> page = get("/app/private?tab=1", cookies(done));
            assertThat(page.body()).isEqualTo("page /private for " + DemoData.ALICE);
        } finally {
            fake.autoSignIn(null);
        }
    }

    @Test
    void errorPageSeesTheSignedInUserWithoutASecondDecision() throws Exception {
        HttpResponse<String> error = get("/app/boom", sessionCookie());
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(error.body()).isEqualTo("error page for " + DemoData.ALICE + " admin=true withAuth=" + DemoData.ALICE);
        assertThat(error.headers().allValues("Vary")).containsExactly("Cookie");
        assertThat(error.headers().allValues("Cache-Control")).hasSize(1);
    }

    @Test
    void anErrorPageKeepsTheRefreshedSessionCookie() throws Exception {
        String stale = sessionCookie();
        fake.clock().advance(java.time.Duration.ofMinutes(10));
        long refreshes = fake.refreshCalls();
        HttpResponse<String> error = get("/app/boom", stale);
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(error.body()).startsWith("error page for " + DemoData.ALICE);
        assertThat(fake.refreshCalls()).isEqualTo(refreshes + 1);
        assertThat(error.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("wos-session=")).hasSize(1);
    }

    @Test
    void anonymousErrorOnAPublicPageStaysAnError() throws Exception {
        HttpResponse<String> error = get("/app/boom-public", null);
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(error.body()).isEqualTo("error page for null admin=false withAuth=none");
    }

    @Test
    void asyncDispatchSeesTheUserAndHeadersAreSentOnce() throws Exception {
        HttpResponse<String> done = get("/app/async", sessionCookie());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).isEqualTo("async done for " + DemoData.ALICE);
        assertThat(done.headers().allValues("Vary")).containsExactly("Cookie");
        assertThat(done.headers().allValues("Cache-Control")).hasSize(1);
    }

    String sessionCookie() {
        return "wos-session=" + fake.signIn(fake.user(DemoData.ALICE).orElseThrow()).cookieValue(PASSWORD);
    }

    HttpResponse<String> get(String pathAndQuery, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Accept", "text/html");
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code Cookie} header a browser would send back from a response's {@code Set-Cookie}s (skipping deletions). */
    static String cookies(HttpResponse<?> response) {
        List<String> pairs = response.headers().allValues("Set-Cookie").stream()
                .map(c -> c.substring(0, c.indexOf(';')))
                .filter(pair -> !pair.endsWith("="))
                .toList();
        return String.join("; ", pairs);
    }
}
