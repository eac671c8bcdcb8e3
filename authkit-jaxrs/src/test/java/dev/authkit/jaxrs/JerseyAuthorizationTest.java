package dev.authkit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @RolesAllowed}, {@link RequiresPermission} and bearer tokens on Jersey over real HTTP. */
class JerseyAuthorizationTest {
    static final String PASSWORD = "jaxrs-test-cookie-password-0123456789";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Path("/")
    public static class Api {
        @Context
        SecurityContext security;

        @GET
        @Path("open")
        @PermitAll
        public String open() {
            return "open";
        }

        @GET
        @Path("admin")
        @RolesAllowed("admin")
        public String admin() {
            return "admin " + security.getUserPrincipal().getName();
        }

        @GET
        @Path("posts/new")
        @RequiresPermission("posts:write")
        public String write() {
            return "may write";
        }

        @GET
        @Path("audit")
        @RequiresPermission({"posts:read", "audit-logs:read"})
        public String audit() {
            return "audit";
        }

        @GET
        @Path("signed-in")
        @RequiresSignIn
        public String signedIn() {
            return "hello " + security.getUserPrincipal().getName();
        }

        @GET
        @Path("no-role")
        @RolesAllowed({})
        public String noRole() {
            return "no role";
        }

        @GET
        @Path("never")
        @DenyAll
        public String never() {
            return "never";
        }

        @GET
        @Path("param")
        public String param(@jakarta.ws.rs.BeanParam CurrentAuth auth) {
            return auth.get().userId().orElse("anonymous") + " " + auth.get().role().orElse("-");
        }

        @GET
        @Path("me")
        public String me() {
            var auth = JaxRsAuthKit.auth(security);
            return auth.userId().orElse("anonymous") + " " + security.getAuthenticationScheme() + " "
                    + auth.permissions().contains("posts:write");
        }
    }

    FakeWorkOS fake;
    HttpServer server;
    String base;

    @BeforeEach
    void start() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                .redirectUri(base + "/callback").apiBaseUrl(fake.baseUrl()).build();
        AuthKit authKit = AuthKit.builder(config).clock(fake.clock()).acceptBearerTokens(true).build();
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create(base + "/"),
                new ResourceConfig().register(new AuthKitFeature(authKit)).register(Api.class));
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
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
    void rolesAllowedUsesTheWorkOSRole() throws Exception {
        assertThat(get("/admin", "Cookie", cookie(DemoData.ALICE)).body()).isEqualTo("admin " + DemoData.ALICE);
        assertThat(get("/admin", "Cookie", cookie(DemoData.BOB)).statusCode()).isEqualTo(403);
    }

    @Test
    void signedOutCallersGet401FromApisAndASignInRedirectFromPages() throws Exception {
        HttpResponse<String> api = get("/admin", "Accept", "application/json");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        assertThat(api.body()).contains("\"signInUrl\":\"" + base + "/auth/sign-in?returnTo=%2Fadmin\"");
        assertThat(api.headers().allValues("Set-Cookie")).as("no verifier cookie for an API call").isEmpty();
        HttpResponse<String> page = get("/admin?x=1", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(307);
        assertThat(page.headers().firstValue("Location").orElseThrow()).startsWith(fake.baseUrl() + "/user_management/authorize");
        assertThat(page.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("wos-auth-verifier-"));
    }

    @Test
    void requiresPermissionAnswers403WithoutIt() throws Exception {
        assertThat(get("/posts/new", "Cookie", cookie(DemoData.ALICE)).statusCode()).isEqualTo(200);
        assertThat(get("/posts/new", "Cookie", cookie(DemoData.BOB)).statusCode()).isEqualTo(403);
        assertThat(get("/audit", "Cookie", cookie(DemoData.ALICE)).statusCode()).isEqualTo(200);
        assertThat(get("/audit", "Cookie", cookie(DemoData.BOB)).statusCode()).as("needs both").isEqualTo(403);
        assertThat(get("/posts/new").statusCode()).isEqualTo(401);
    }

    @Test
    void authIsInjectableAsABeanParam() throws Exception {
        assertThat(get("/param", "Cookie", cookie(DemoData.ALICE)).body()).isEqualTo(DemoData.ALICE + " admin");
        assertThat(get("/param").body()).isEqualTo("anonymous -");
    }

    @Test
    void requiresSignInLetsAnySignedInUserInAndAsksOthersToSignIn() throws Exception {
        assertThat(get("/signed-in", "Cookie", cookie(DemoData.CAROL)).body()).isEqualTo("hello " + DemoData.CAROL);
        assertThat(get("/signed-in").statusCode()).isEqualTo(401);
        HttpResponse<String> page = get("/signed-in", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(307);
        assertThat(page.headers().firstValue("Vary").orElse("")).contains("Cookie");
    }

    @Test
    void rolesAllowedWithNoRoleLetsNobodyThrough() throws Exception {
        assertThat(get("/no-role").statusCode()).as("signed out").isEqualTo(401);
        assertThat(get("/no-role", "Cookie", cookie(DemoData.ALICE)).statusCode()).isEqualTo(403);
    }

    @Test
    void forbiddenIsAPageForBrowsersAndJsonForScripts() throws Exception {
        HttpResponse<String> page = get("/admin", "Cookie", cookie(DemoData.BOB), "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("You need the role admin");
        HttpResponse<String> script = get("/admin", "Cookie", cookie(DemoData.BOB), "Accept", "application/json");
        assertThat(script.body()).contains("\"error\":\"forbidden\"");
    }

    @Test
    void denyAllAndPermitAll() throws Exception {
        assertThat(get("/never", "Cookie", cookie(DemoData.ALICE)).statusCode()).isEqualTo(403);
        assertThat(get("/open").body()).isEqualTo("open");
    }

    @Test
    void bearerTokensForServiceCalls() throws Exception {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        HttpResponse<String> ok = get("/posts/new", "Authorization", "Bearer " + s.accessToken());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(get("/me", "Authorization", "Bearer " + s.accessToken()).body()).isEqualTo(DemoData.ALICE + " Bearer true");
        assertThat(get("/me", "Cookie", cookie(DemoData.BOB)).body()).isEqualTo(DemoData.BOB + " WORKOS false");
        assertThat(get("/me").body()).isEqualTo("anonymous null false");

        fake.clock().advance(Duration.ofMinutes(6));
        HttpResponse<String> expired = get("/posts/new", "Authorization", "Bearer " + s.accessToken(), "Accept", "text/html");
        assertThat(expired.statusCode()).as("never a redirect for a bearer token").isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow())
                .isEqualTo("Bearer error=\"invalid_token\", error_description=\"The access token expired\"");
        assertThat(get("/open", "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
    }

    /**
     * The guard without the pre-matching filter (registered by hand, half of it): annotated methods
     * are refused, never run; methods without an annotation still answer.
     */
    @Test
    void theGuardAloneFailsClosed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpServer half = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + port + "/"),
                new ResourceConfig().register(AuthKitGuard.class).register(Api.class));
        try {
            String at = "http://127.0.0.1:" + port;
            for (String path : java.util.List.of("/signed-in", "/admin", "/posts/new")) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(at + path)).GET()
                        .header("Cookie", cookie(DemoData.ALICE)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isEqualTo(503);
            }
            HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(URI.create(at + "/me")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
        } finally {
            half.shutdownNow();
        }
    }
}
