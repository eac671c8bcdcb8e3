package dev.authkit.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.internal.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One suite every adapter runs to prove it carries requests, cookies, headers and outcomes
 * between its framework and authkit-core faithfully, over real HTTP. Extend it, and in
 * {@link #start} run an application on {@code 127.0.0.1:port} that sends every request through
 * the given {@link AuthKit} with your adapter and answers whatever reaches the application with
 * {@link ConformanceEcho#render} (status 200, {@code application/json}).
 *
 * <p>The AuthKit protects every path but {@code /public/:path*}, has eager auth on, and uses a
 * {@link FakeWorkOS} with the demo users; the callback is at {@code /callback}.
 *
 * <p>Guards: under {@link #GUARDED} (public for the middleware, so that only the guard stands
 * between a caller and the application) the application serves one endpoint per rule of
 * {@link ConformanceEcho#GUARDS}, guarded by the adapter's own means (JAX-RS or Spring annotations,
 * {@code ServletAuthKit.authorize}, ...) and answering the echo when reached.
 */
public abstract class AdapterConformanceSuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the guarded endpoints are: {@code /public/guarded/<rule path>} ({@link ConformanceEcho#GUARDS}). */
    public static final String GUARDED = ConformanceEcho.GUARDED;
    private static final String PASSWORD = "conformance-suite-cookie-password-0123456789";
    /** The WorkOS webhook secret the suite's AuthKit is configured with ({@code WORKOS_WEBHOOK_SECRET}). */
    protected static final String WEBHOOK_SECRET = "whsec_conformance_suite_secret";
    /** HTTP/1.1 as browsers speak it in clear text (the JDK client's default h2c upgrade trips up some servers, Grizzly among them). */
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A running application under test. Its {@code close()} may throw anything (servers' stop
     * methods throw {@code Exception}), so javac's note that it could throw InterruptedException is
     * expected.
     */
    @SuppressWarnings("try")
    public interface RunningApp extends AutoCloseable {
        @Override
        void close() throws Exception;
    }

    protected FakeWorkOS fake;
    protected String base;
    private RunningApp app;

    /**
     * Starts the application on {@code 127.0.0.1:port}, wired to {@code authKit} through the adapter.
     */
    protected abstract RunningApp start(int port, AuthKit authKit) throws Exception;

    /**
     * Starts the application like {@link #start(int, AuthKit)}, but mounted under {@code basePath}
     * ({@code /app}): a servlet context path, a JAX-RS base URI or {@code @ApplicationPath}, an
     * HTTP server context. The adapter tells the core through {@code AuthKitRequest.contextPath()},
     * so route globs, the built-in routes and the JSON API are relative to it, the same behind
     * every adapter. Every adapter must implement it; the default fails the base-path case.
     */
    protected RunningApp startUnder(int port, String basePath, AuthKit authKit) throws Exception {
        throw new AssertionError(getClass().getSimpleName() + " does not implement startUnder(port, basePath, authKit): "
                + "every adapter must show that globs, routes and the JSON API are relative to where the application is mounted");
    }

    @BeforeEach
    void startApp() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                .redirectUri(base + "/callback").apiBaseUrl(fake.baseUrl()).webhookSecret(WEBHOOK_SECRET).build();
        AuthKit authKit = AuthKit.builder(config).clock(fake.clock()).middlewareAuth(true)
                .unauthenticatedPaths("/public/:path*").eagerAuth(true).build();
        app = start(port, authKit);
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    protected HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET();
    }

    protected String sessionCookie(String userId) {
        return sessionCookie(fake.signIn(fake.user(userId).orElseThrow()));
    }

    protected static String sessionCookie(IssuedSession s) {
        return "wos-session=" + s.cookieValue(PASSWORD);
    }

    protected static JsonNode echo(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), () -> "expected the application's echo, got " + r.statusCode() + ": " + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not the echo JSON: " + r.body(), e);
        }
    }

    protected static List<String> setCookies(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie");
    }

    protected static Optional<String> setCookie(HttpResponse<?> r, String name) {
        return setCookies(r).stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    // ------------------------------------------------------------------ the suite

    @Test
    protected void publicPathsReachTheApplicationSignedOut() {
        JsonNode e = echo(send(get("/public/page")));
        assertTrue(e.get("user").isNull());
        assertTrue(e.get("principal").isNull());
        assertEquals("/public/page", e.get("path").asText());
    }

    @Test
    protected void protectedPathsRedirectWithAnAbsoluteLocationAndTheVerifierCookie() {
        HttpResponse<String> r = send(get("/protected?x=1").header("Accept", "text/html"));
        assertEquals(307, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(fake.baseUrl() + "/user_management/authorize?"), location);
        assertTrue(setCookies(r).stream().anyMatch(c -> c.matches("wos-auth-verifier-[0-9a-f]{8}=Fe26\\.2.*")), setCookies(r)::toString);
    }

    @Test
    protected void postIsRedirectedWith303AndHeadWith307() {
        HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(base + "/protected")).POST(HttpRequest.BodyPublishers.ofString("a=1"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html"));
        assertEquals(303, post.statusCode());
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(base + "/protected")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "text/html"));
        assertEquals(307, head.statusCode());
        assertTrue(head.headers().firstValue("Location").orElseThrow().startsWith(fake.baseUrl()));
        JsonNode signedInPost = echo(send(HttpRequest.newBuilder(URI.create(base + "/protected")).POST(HttpRequest.BodyPublishers.ofString("a=1"))
                .header("Cookie", sessionCookie(DemoData.ALICE))));
        assertEquals("POST", signedInPost.get("method").asText());
    }

    @Test
    protected void aSessionCookieSignsInAndTheFrameworkSeesThePrincipalAndRoles() {
        JsonNode e = echo(send(get("/protected").header("Cookie", sessionCookie(DemoData.ALICE))));
        assertEquals(DemoData.ALICE, e.get("user").asText());
        assertEquals(DemoData.ALICE, e.get("principal").asText());
        assertTrue(e.get("inRoleAdmin").asBoolean(), "alice is admin of Acme");
        JsonNode bob = echo(send(get("/protected").header("Cookie", sessionCookie(DemoData.BOB))));
        assertFalse(bob.get("inRoleAdmin").asBoolean());
    }

    @Test
    protected void cookiesAreParsedAmongOthersDecodedAndFirstWins() {
        String alice = sessionCookie(DemoData.ALICE);
        String bob = sessionCookie(DemoData.BOB);
        JsonNode among = echo(send(get("/protected").header("Cookie", "a=1; " + alice + "; b=%20x")));
        assertEquals(DemoData.ALICE, among.get("user").asText());
        // the value as a client may encode it: '*' and '~' percent-encoded
        String encoded = alice.replace("*", "%2A").replace("~", "%7E");
        assertEquals(DemoData.ALICE, echo(send(get("/protected").header("Cookie", encoded))).get("user").asText());
        // repeated: the first one wins
        assertEquals(DemoData.BOB, echo(send(get("/protected").header("Cookie", bob + "; " + alice))).get("user").asText());
    }

    @Test
    protected void severalSetCookieHeadersStayApart() {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        fake.clock().advance(Duration.ofMinutes(6));
        HttpResponse<String> r = send(get("/protected").header("Cookie", sessionCookie(s)).header("Accept", "text/html"));
        echo(r);
        assertTrue(setCookie(r, "wos-session").isPresent(), () -> "refreshed session cookie missing: " + setCookies(r));
        assertTrue(setCookie(r, "workos-access-token").isPresent(), () -> "eager cookie missing: " + setCookies(r));
        for (String c : setCookies(r)) {
            assertEquals(1, c.split("=", -1)[0].split(",").length, "one cookie per Set-Cookie header: " + c);
        }
    }

    @Test
    protected void reservedXWorkosHeadersNeverReachTheApplication() {
        JsonNode e = echo(send(get("/protected").header("Cookie", sessionCookie(DemoData.ALICE))
                .header("x-workos-session", "malicious").header("X-WorkOS-Admin-Bypass", "1").header("X-Custom", "kept")));
        JsonNode headers = e.get("headers");
        headers.fieldNames().forEachRemaining(n -> assertFalse(n.startsWith("x-workos-"), "leaked header " + n));
        assertEquals("kept", headers.get("x-custom").get(0).asText());
    }

    @Test
    protected void sessionResponsesAreKeptOutOfSharedCaches() {
        HttpResponse<String> r = send(get("/protected").header("Cookie", sessionCookie(DemoData.ALICE)));
        echo(r);
        assertTrue(String.join(",", r.headers().allValues("Vary")).contains("Cookie"), () -> "Vary: " + r.headers().allValues("Vary"));
        String cacheControl = String.join(",", r.headers().allValues("Cache-Control"));
        assertTrue(cacheControl.contains("private") && cacheControl.contains("no-store"), cacheControl);
    }

    /** The canonical-path bypass list: none of these may reach the application as a signed-out {@code /admin} request. */
    @Test
    protected void pathTricksCannotReachAProtectedPathSignedOut() {
        for (String path : List.of("/admin/x", "/%61dmin/x", "/admin;a=b/x", "//admin/x", "/admin/../admin/x", "/public/../admin/x",
                "/public/%2e%2e/admin/x", "/public%2F..%2Fadmin/x", "/public/..;/admin/x", "/ADMIN/x")) {
            HttpResponse<String> r = send(get(path));
            int status = r.statusCode();
            if (status == 200) {
                JsonNode e = echo(r);
                String seen = e.get("path").asText();
                assertTrue(e.get("user").isNull());
                assertFalse(seen.toLowerCase(java.util.Locale.ROOT).contains("admin") && !seen.startsWith("/ADMIN"),
                        () -> path + " reached the application signed out as " + seen);
                assertTrue(seen.startsWith("/ADMIN") || seen.startsWith("/public"), () -> path + " served as " + seen);
            } else {
                assertTrue(status == 307 || (status >= 400 && status < 500), () -> path + " answered " + status);
            }
        }
    }

    @Test
    protected void theSignInRoundTripCompletes() {
        HttpResponse<String> start = send(get("/protected/page?tab=2").header("Accept", "text/html"));
        assertEquals(307, start.statusCode());
        String verifier = setCookies(start).stream().filter(c -> c.startsWith("wos-auth-verifier-")).findFirst().orElseThrow();
        String verifierPair = verifier.substring(0, verifier.indexOf(';'));
        // the hosted page, as a person would use it
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(start.headers().firstValue("Location").orElseThrow())).GET());
        FakeUser carol = fake.user(DemoData.CAROL).orElseThrow();
        Matcher m = Pattern.compile("id=\"sign-in-" + carol.id() + "\" href=\"([^\"]+)\"").matcher(page.body());
        if (!m.find()) {
            fail("carol is not on the hosted page");
        }
        HttpResponse<String> chosen = send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + m.group(1).replace("&amp;", "&"))).GET());
        URI callback = URI.create(chosen.headers().firstValue("Location").orElseThrow());
        assertEquals(base + "/callback", callback.getScheme() + "://" + callback.getAuthority() + callback.getPath());
        HttpResponse<String> back = send(get("/callback?" + callback.getRawQuery()).header("Cookie", verifierPair));
        assertEquals(307, back.statusCode(), back::body);
        assertEquals(base + "/protected/page?tab=2", back.headers().firstValue("Location").orElseThrow());
        String session = setCookie(back, "wos-session").orElseThrow();
        assertTrue(setCookie(back, verifierPair.substring(0, verifierPair.indexOf('='))).orElseThrow().contains("Max-Age=0"));
        JsonNode e = echo(send(get("/protected/page?tab=2").header("Cookie", session.substring(0, session.indexOf(';')))));
        assertEquals(DemoData.CAROL, e.get("user").asText());
        assertEquals(Map.of("code", "", "state", "").keySet(), Http.parseQuery(callback.getRawQuery()).keySet());
    }

    @Test
    protected void theJsonEndpointsAnswerThroughTheAdapter() {
        HttpResponse<String> r = send(get("/auth/api/auth").header("Cookie", sessionCookie(DemoData.ALICE)));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), () -> "Content-Type " + r.headers().map());
        assertTrue(r.body().contains("\"id\":\"" + DemoData.ALICE + "\""), r.body());
        assertFalse(r.body().contains("accessToken"));
        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(base + "/auth/api/refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Cookie", sessionCookie(DemoData.ALICE))
                .header("Origin", "https://evil.example"));
        assertEquals(403, forged.statusCode());
        HttpResponse<String> ok = send(HttpRequest.newBuilder(URI.create(base + "/auth/api/refresh?organizationId=" + DemoData.GLOBEX))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Cookie", sessionCookie(DemoData.ALICE))
                .header("X-AuthKit-Request", "1"));
        assertEquals(200, ok.statusCode(), ok::body);
        assertTrue(ok.body().contains(DemoData.GLOBEX), ok.body());
        assertTrue(setCookie(ok, "wos-session").isPresent());
    }

    @Test
    protected void theBrowserClientIsServedAndRevalidatedWithoutASession() {
        // a protected path (the middleware is on): the client loads on a sign-in page too
        HttpResponse<String> r = send(get("/auth/client.js").header("Cookie", "wos-session=garbage"));
        assertEquals(200, r.statusCode(), r::body);
        assertEquals("text/javascript; charset=utf-8", r.headers().firstValue("Content-Type").orElse("").replace(";charset", "; charset")
                .toLowerCase(java.util.Locale.ROOT), () -> "Content-Type " + r.headers().map());
        assertTrue(r.body().contains("export function getAccessToken("), "the module's source");
        assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), () -> "no cookie work: " + r.headers().allValues("Set-Cookie"));
        String etag = r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("ETag missing: " + r.headers().map()));
        HttpResponse<String> again = send(get("/auth/client.js").header("If-None-Match", etag));
        assertEquals(304, again.statusCode(), again::body);
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElse(""));
        HttpResponse<String> types = send(get("/auth/client.d.ts"));
        assertEquals(200, types.statusCode(), types::body);
        assertTrue(types.body().contains("export function getAuth("), "the declarations");
    }

    /**
     * Every adapter serves the browser client and its types to signed-in users too (no session work, no
     * cookie written, eager auth notwithstanding), at the plain URL and at the hashed URL a server template
     * emits ({@code BrowserClient.scriptUrl()}), the latter cached for a year.
     */
    @Test
    protected void theBrowserClientIsServedToSignedInUsersAtItsPlainAndHashedUrls() {
        String alice = sessionCookie(DemoData.ALICE);
        HttpResponse<String> plain = send(get("/auth/client.js").header("Cookie", alice).header("Accept", "*/*"));
        assertEquals(200, plain.statusCode(), plain::body);
        assertTrue(plain.body().contains("export async function signOut("), "the module's source");
        assertTrue(plain.headers().allValues("Set-Cookie").isEmpty(), () -> "no cookie work: " + plain.headers().allValues("Set-Cookie"));
        String etag = plain.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("ETag missing: " + plain.headers().map()));

        HttpResponse<String> hashed = send(get("/auth/client.js?v=" + etag.replace("\"", "")).header("Cookie", alice));
        assertEquals(200, hashed.statusCode(), hashed::body);
        assertEquals(plain.body(), hashed.body());
        assertTrue(hashed.headers().firstValue("Cache-Control").orElse("").contains("immutable"),
                () -> "the hashed URL is cached for good: " + hashed.headers().map());

        HttpResponse<String> types = send(get("/auth/client.d.ts").header("Cookie", alice));
        assertEquals(200, types.statusCode(), types::body);
        assertTrue(types.body().contains("export function getAccessToken(): Promise<string>;"), "the declarations");
        assertTrue(types.headers().allValues("Set-Cookie").isEmpty(), () -> "no cookie work: " + types.headers().allValues("Set-Cookie"));
    }

    @Test
    protected void signOutClearsTheCookieAndGoesToWorkOS() {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/auth/sign-out?returnTo=/public/bye"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Cookie", sessionCookie(s)).header("Origin", base));
        assertEquals(303, r.statusCode(), r::body);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(fake.baseUrl() + "/user_management/sessions/logout?"), location);
        assertTrue(setCookie(r, "wos-session").orElseThrow().contains("Max-Age=0"));
        HttpResponse<String> logout = send(HttpRequest.newBuilder(URI.create(location)).GET());
        assertEquals(base + "/public/bye", logout.headers().firstValue("Location").orElseThrow());
        assertFalse(fake.isSessionActive(s.sessionId()));
    }

    @Test
    protected void badCookiesAreSignedOutNeverAServerError() {
        for (String cookie : List.of("wos-session=garbage", "wos-session=", "wos-session=%", "wos-session=" + "A".repeat(6000),
                "wos-session=Fe26.2*1*a*b*c**d*e~2", "=novalue; ;;", "wos-session=\"quoted\"")) {
            HttpResponse<String> r = send(get("/public/x").header("Cookie", cookie));
            assertTrue(r.statusCode() == 200 || (r.statusCode() >= 400 && r.statusCode() < 500),
                    () -> cookie.substring(0, Math.min(40, cookie.length())) + " answered " + r.statusCode());
            if (r.statusCode() == 200) {
                assertTrue(echo(r).get("user").isNull());
            }
        }
    }

    /**
     * The adapter hands the raw body to the core ({@code AuthKitRequest.body}) so that WorkOS's
     * webhooks reach the receiver at {@code /auth/webhooks/workos}: a correctly signed
     * {@code session.revoked} event signs the session out at its next request; a forged, unsigned
     * or malformed one is refused with a 4xx and changes nothing.
     */
    @Test
    protected void aSignedSessionRevokedWebhookSignsTheSessionOutAndForgedOnesDoNothing() {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        String cookie = sessionCookie(s);
        assertEquals(DemoData.ALICE, echo(send(get("/protected").header("Cookie", cookie))).get("user").asText());
        String event = "{\"id\":\"event_conformance_1\",\"event\":\"session.revoked\",\"data\":{\"object\":\"session\","
                + "\"id\":\"" + s.sessionId() + "\",\"user_id\":\"" + DemoData.ALICE + "\"},\"created_at\":\"2026-01-01T00:00:00.000Z\"}";
        long t = fake.clock().millis();
        Map<String, String> forged = new java.util.LinkedHashMap<>();
        forged.put("wrong secret", "t=" + t + ", v1=" + hmacHex("whsec_not_the_secret", t + "." + event));
        forged.put("signature of another body", "t=" + t + ", v1=" + hmacHex(WEBHOOK_SECRET, t + "." + event.replace("event_conformance_1", "event_conformance_2")));
        forged.put("stale (4 minutes)", "t=" + (t - 240_000) + ", v1=" + hmacHex(WEBHOOK_SECRET, (t - 240_000) + "." + event));
        forged.put("truncated header", "t=" + t + ", v1=");
        forged.put("no header", "");
        for (Map.Entry<String, String> f : forged.entrySet()) {
            HttpResponse<String> r = send(webhook(event, f.getValue()));
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, () -> f.getKey() + " answered " + r.statusCode() + ": " + r.body());
        }
        assertEquals(DemoData.ALICE, echo(send(get("/protected").header("Cookie", cookie))).get("user").asText(),
                "a forged webhook has no effect");
        HttpResponse<String> signed = send(webhook(event, "t=" + t + ", v1=" + hmacHex(WEBHOOK_SECRET, t + "." + event)));
        assertEquals(200, signed.statusCode(), () -> "the signed event is received through the adapter: " + signed.body());
        HttpResponse<String> after = send(get("/protected").header("Cookie", cookie).header("Accept", "application/json"));
        assertEquals(401, after.statusCode(), () -> "the revoked session is signed out at its next request: " + after.body());
        HttpResponse<String> page = send(get("/protected").header("Cookie", cookie).header("Accept", "text/html"));
        assertEquals(307, page.statusCode(), page::body);
        assertTrue(setCookie(page, "wos-session").orElse("").contains("Max-Age=0"), () -> "cookie deleted: " + setCookies(page));
    }

    private HttpRequest.Builder webhook(String body, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/auth/webhooks/workos"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        return signature.isEmpty() ? b : b.header("WorkOS-Signature", signature);
    }

    /** The hex HMAC-SHA256 WorkOS signs webhooks with (kept here so the suite checks the core's own code). */
    private static String hmacHex(String secret, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    protected void expiredSessionsAreRefreshedOnce() {
        IssuedSession s = fake.signIn(fake.user(DemoData.BOB).orElseThrow());
        fake.clock().advance(Duration.ofMinutes(10));
        HttpResponse<String> r = send(get("/protected").header("Cookie", sessionCookie(s)));
        assertEquals(DemoData.BOB, echo(r).get("user").asText());
        String renewed = setCookie(r, "wos-session").orElseThrow();
        assertNotEquals(sessionCookie(s), renewed.substring(0, renewed.indexOf(';')));
        assertEquals(1, fake.refreshCalls());
    }

    @Test
    protected void scriptsThatNeedSignInGet401WithASignInUrlAndNoCookie() {
        HttpResponse<String> r = send(get("/protected?x=1").header("Accept", "application/json"));
        assertEquals(401, r.statusCode(), r::body);
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), "WWW-Authenticate: Bearer");
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.body().contains("\"signInUrl\":\"" + base + "/auth/sign-in?returnTo=%2Fprotected%3Fx%3D1\""), r::body);
        assertTrue(setCookies(r).isEmpty(), () -> "no cookie for a script: " + setCookies(r));
    }

    @Test
    protected void pageLoadsThatEndInAnErrorGetAPageScriptsGetJson() {
        HttpResponse<String> page = send(get("/auth/sign-out").header("Accept", "text/html"));
        assertEquals(405, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                () -> "an HTML page, got " + page.headers().firstValue("Content-Type"));
        assertFalse(page.body().startsWith("{"), page::body);
        HttpResponse<String> script = send(get("/auth/sign-out").header("Accept", "application/json"));
        assertEquals(405, script.statusCode());
        assertTrue(script.body().contains("\"error\":\"method_not_allowed\""), script::body);
    }

    @Test
    protected void aWorkOSOutageAnswers503AndKeepsTheSession() {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        fake.clock().advance(Duration.ofMinutes(6));
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.serverError());
        HttpResponse<String> down = send(get("/protected").header("Cookie", sessionCookie(s)).header("Accept", "text/html"));
        assertEquals(503, down.statusCode(), down::body);
        assertTrue(down.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        assertTrue(setCookie(down, "wos-session").isEmpty(), "the session cookie is kept");
        JsonNode back = echo(send(get("/protected").header("Cookie", sessionCookie(s))));
        assertEquals(DemoData.ALICE, back.get("user").asText());
    }

    /**
     * Every guard the adapter offers refuses whom its rule refuses, before the application runs:
     * signed out, a page load is sent to sign in and a script gets 401; the wrong user gets 403;
     * the right user reaches the application.
     */
    @Test
    protected void guardedEndpointsRefuseWhomTheirRuleRefuses() {
        List<String> failures = new java.util.ArrayList<>();
        String alice = sessionCookie(DemoData.ALICE);
        String bob = sessionCookie(DemoData.BOB);
        for (String rule : ConformanceEcho.GUARDS.keySet()) {
            String path = GUARDED + rule;
            HttpResponse<String> page = send(get(path).header("Accept", "text/html"));
            expect(failures, path + " signed out, page", page, 307);
            if (page.statusCode() == 307 && !page.headers().firstValue("Location").orElse("").startsWith(fake.baseUrl() + "/user_management/authorize?")) {
                failures.add(path + " signed out, page: redirected to " + page.headers().firstValue("Location").orElse("nowhere"));
            }
            HttpResponse<String> script = send(get(path).header("Accept", "application/json"));
            expect(failures, path + " signed out, script", script, 401);
            // signed in is all that @RequiresSignIn asks: bob is the right user there
            HttpResponse<String> wrong = send(get(path).header("Accept", "application/json").header("Cookie", bob));
            expect(failures, path + " as bob", wrong, rule.equals("signed-in") ? 200 : 403);
            if (wrong.statusCode() == 403 && wrong.headers().allValues("Vary").stream().filter(v -> v.contains("Cookie")).count() > 1) {
                failures.add(path + " as bob: Vary: Cookie more than once: " + wrong.headers().allValues("Vary"));
            }
            HttpResponse<String> right = send(get(path).header("Accept", "application/json").header("Cookie", alice));
            expect(failures, path + " as alice", right, 200);
            if (right.statusCode() == 200 && !DemoData.ALICE.equals(echo(right).path("user").asText())) {
                failures.add(path + " as alice: the application saw " + right.body());
            }
        }
        assertEquals(List.of(), failures, "guarded endpoints that let the wrong caller in or kept the right one out");
    }

    private static void expect(List<String> failures, String what, HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            String body = r.body();
            failures.add(what + ": expected " + status + ", got " + r.statusCode() + " " + body.substring(0, Math.min(120, body.length())));
        }
    }

    /**
     * Mounted under {@code /app}: the glob {@code /public/:path*} means {@code /app/public/...},
     * sign-in, the JSON API and the browser client answer under {@code /app/auth/...}, and the
     * sign-in URL handed to scripts carries the base path.
     */
    @Test
    protected void globsRoutesAndTheJsonApiAreRelativeToTheBasePath() throws Exception {
        int port = freePort();
        String mounted = "http://127.0.0.1:" + port;
        AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                .redirectUri(mounted + "/app/callback").apiBaseUrl(fake.baseUrl()).build();
        AuthKit authKit = AuthKit.builder(config).clock(fake.clock()).middlewareAuth(true)
                .unauthenticatedPaths("/public/:path*").build();
        RunningApp mountedApp = startUnder(port, "/app", authKit);
        try {
            JsonNode open = echo(send(HttpRequest.newBuilder(URI.create(mounted + "/app/public/page")).GET()));
            assertTrue(open.get("user").isNull(), "a public glob under the base path lets a signed-out visitor in");

            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(mounted + "/app/private")).GET()
                    .header("Accept", "text/html"));
            assertEquals(307, page.statusCode(), page::body);
            assertTrue(page.headers().firstValue("Location").orElse("").startsWith(fake.baseUrl() + "/user_management/authorize?"));

            HttpResponse<String> script = send(HttpRequest.newBuilder(URI.create(mounted + "/app/private")).GET()
                    .header("Accept", "application/json"));
            assertEquals(401, script.statusCode(), script::body);
            assertTrue(script.body().contains("\"signInUrl\":\"" + mounted + "/app/auth/sign-in?returnTo="), script::body);

            HttpResponse<String> session = send(HttpRequest.newBuilder(URI.create(mounted + "/app/auth/api/session")).GET()
                    .header("Cookie", sessionCookie(DemoData.ALICE)));
            assertEquals(200, session.statusCode(), session::body);
            assertTrue(session.body().contains("\"signedIn\":true"), session::body);

            HttpResponse<String> signIn = send(HttpRequest.newBuilder(URI.create(mounted + "/app/auth/sign-in")).GET()
                    .header("Accept", "text/html"));
            assertEquals(307, signIn.statusCode(), signIn::body);
            assertTrue(signIn.headers().firstValue("Location").orElse("").startsWith(fake.baseUrl()));

            HttpResponse<String> client = send(HttpRequest.newBuilder(URI.create(mounted + "/app/auth/client.js")).GET());
            assertEquals(200, client.statusCode(), client::body);
            assertTrue(client.body().contains("export function getAccessToken("), "the browser client under the base path");

            JsonNode signedIn = echo(send(HttpRequest.newBuilder(URI.create(mounted + "/app/private")).GET()
                    .header("Cookie", sessionCookie(DemoData.ALICE))));
            assertEquals(DemoData.ALICE, signedIn.get("user").asText());
        } finally {
            mountedApp.close();
        }
    }
}
