package dev.authkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.WebhookEvent;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revocation through the servlet adapter on Jetty against FakeWorkOS: the signed webhook receiver
 * (real HMAC-SHA256 signatures), the revocation check of every request, and sign out everywhere.
 */
class RevocationTest {
    private static final String PASSWORD = "revocation-test-cookie-password-0123456789";
    private static final String SECRET = "whsec_revocation_test_secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final List<WebhookEvent> RECEIVED = new CopyOnWriteArrayList<>();

    private static FakeWorkOS fake;
    private static Server withSecret;
    private static Server withoutSecret;
    private static String app;
    private static String appWithoutSecret;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        withSecret = server(SECRET);
        app = origin(withSecret);
        withoutSecret = server(null);
        appWithoutSecret = origin(withoutSecret);
    }

    @AfterAll
    static void stop() throws Exception {
        withSecret.stop();
        withoutSecret.stop();
        fake.close();
    }

    @BeforeEach
    void clear() {
        RECEIVED.clear();
    }

    private static String origin(Server server) {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private static Server server(String secret) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        connector.open();
        String origin = "http://127.0.0.1:" + connector.getLocalPort();
        AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey())
                .cookiePassword(PASSWORD).redirectUri(origin + "/callback").apiBaseUrl(fake.baseUrl())
                .webhookSecret(secret).build();
        AuthKit authKit = AuthKit.builder(config).clock(fake.clock()).middlewareAuth(true).unauthenticatedPaths("/")
                .onWebhookEvent(RECEIVED::add).build();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new AuthKitFilter(authKit)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain");
                resp.getWriter().write("user=" + ServletAuthKit.withAuth(req).userId().orElse("-"));
            }
        }), "/*");
        server.setHandler(context);
        server.start();
        return server;
    }

    static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String signature(String secret, long t, String body) throws Exception {
        return "t=" + t + ", v1=" + hmac(secret, t + "." + body);
    }

    static String revokedEvent(String sessionId) {
        return "{\"id\":\"event_01\",\"event\":\"session.revoked\",\"data\":{\"object\":\"session\",\"id\":\"" + sessionId
                + "\",\"user_id\":\"" + DemoData.ALICE + "\"},\"created_at\":\"2026-01-01T00:00:00.000Z\"}";
    }

    static HttpResponse<String> webhook(String base, String signature, String body) throws Exception {
        return webhook(HTTP, base, signature, body);
    }

    static HttpResponse<String> webhook(HttpClient client, String base, String signature, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/auth/webhooks/workos"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            r.header("WorkOS-Signature", signature);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> page(IssuedSession s, boolean browser) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(app + "/dashboard"))
                .header("Cookie", "wos-session=" + s.cookieValue(PASSWORD));
        r.header("Accept", browser ? "text/html" : "application/json");
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static boolean signedIn(IssuedSession s) throws Exception {
        HttpResponse<String> r = page(s, true);
        return r.statusCode() == 200 && r.body().equals("user=" + s.user().id());
    }

    static boolean deletesCookie(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("wos-session=;") && c.contains("Max-Age=0"));
    }

    @Test
    void aSignedSessionRevokedWebhookSignsThatSessionOutAndNoOther() throws Exception {
        IssuedSession revoked = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        IssuedSession other = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        assertThat(signedIn(revoked)).isTrue(); // verified and cached
        String body = revokedEvent(revoked.sessionId());
        HttpResponse<String> hook = webhook(app, signature(SECRET, fake.clock().millis(), body), body);
        assertThat(hook.statusCode()).isEqualTo(200);
        HttpResponse<String> browser = page(revoked, true);
        assertThat(browser.statusCode()).isIn(302, 303, 307);
        assertThat(deletesCookie(browser)).isTrue();
        HttpResponse<String> script = page(revoked, false);
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(signedIn(other)).as("another session of the same user").isTrue();
        assertThat(RECEIVED).extracting(WebhookEvent::event).containsExactly("session.revoked");
    }

    @Test
    void badWebhooksHaveNoEffectAndNeverA5xx() throws Exception {
        IssuedSession s = fake.signIn(fake.user(DemoData.BOB).orElseThrow());
        String body = revokedEvent(s.sessionId());
        long now = fake.clock().millis();
        String good = signature(SECRET, now, body);
        String forgedHex = good.substring(0, good.length() - 1) + (good.endsWith("0") ? "1" : "0");
        assertThat(webhook(app, null, body).statusCode()).as("unsigned").isEqualTo(400);
        assertThat(webhook(app, forgedHex, body).statusCode()).as("forged").isEqualTo(401);
        assertThat(webhook(app, signature("whsec_some_other_secret", now, body), body).statusCode()).as("wrong secret")
                .isEqualTo(401);
        long stale = now - Duration.ofMinutes(4).toMillis();
        assertThat(webhook(app, signature(SECRET, stale, body), body).statusCode()).as("stale").isEqualTo(401);
        String replayed = "t=" + (now + 1000) + good.substring(good.indexOf(','));
        assertThat(webhook(app, replayed, body).statusCode()).as("replayed with a new timestamp").isEqualTo(401);
        assertThat(webhook(app, good.substring(0, good.length() - 10), body).statusCode()).as("truncated").isEqualTo(400);
        assertThat(webhook(app, "t=" + now, body).statusCode()).as("no v1").isEqualTo(400);
        String huge = "{\"id\":\"e\",\"event\":\"x\",\"pad\":\"" + "a".repeat(1024 * 1024) + "\"}";
        try {
            // a client of its own: Jetty may answer 413 and close the connection before the whole body
            // is sent, and a shared client could hand that closed connection to the next request
            HttpClient alone = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            assertThat(webhook(alone, app, signature(SECRET, now, huge), huge).statusCode()).as("1 MiB").isIn(400, 413);
        } catch (java.io.IOException refusedMidBody) {
            // the client then sees the connection closed instead of the status; no 5xx either way
        }
        String other = body.replace(s.sessionId(), "session_other");
        assertThat(webhook(app, good, other).statusCode()).as("signature of another body").isEqualTo(401);
        assertThat(webhook(app, signature(SECRET, now, "not json"), "not json").statusCode()).isEqualTo(400);
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(app + "/auth/webhooks/workos")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(signedIn(s)).as("no bad webhook had an effect").isTrue();
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void withoutASecretTheRouteIsNotThere() throws Exception {
        IssuedSession s = fake.signIn(fake.user(DemoData.CAROL).orElseThrow());
        String body = revokedEvent(s.sessionId());
        assertThat(webhook(appWithoutSecret, signature(SECRET, fake.clock().millis(), body), body).statusCode()).isEqualTo(404);
    }

    @Test
    void otherEventsAreAcknowledgedAndOfferedToTheApplication() throws Exception {
        String body = "{\"id\":\"event_02\",\"event\":\"user.updated\",\"data\":{\"id\":\"user_x\"}}";
        HttpResponse<String> r = webhook(app, signature(SECRET, fake.clock().millis(), body), body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(RECEIVED).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("event_02");
            assertThat(e.event()).isEqualTo("user.updated");
            assertThat(e.json()).isEqualTo(body);
        });
    }

    @Test
    void signOutEverywhereEndsTheOtherBrowsersSessionAtItsNextRequest() throws Exception {
        IssuedSession here = fake.signIn(fake.user(DemoData.CAROL).orElseThrow());
        IssuedSession there = fake.signIn(fake.user(DemoData.CAROL).orElseThrow());
        IssuedSession someoneElse = fake.signIn(fake.user(DemoData.BOB).orElseThrow());
        assertThat(signedIn(there)).isTrue();
        HttpResponse<String> out = HTTP.send(HttpRequest.newBuilder(URI.create(app + "/auth/api/sign-out-everywhere"))
                .header("Cookie", "wos-session=" + here.cookieValue(PASSWORD)).header("X-AuthKit-Request", "1")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.body()).contains("logoutUrl");
        assertThat(deletesCookie(out)).isTrue();
        assertThat(signedIn(there)).as("the second browser").isFalse();
        assertThat(fake.isSessionActive(there.sessionId())).as("revoked at WorkOS").isFalse();
        assertThat(fake.isSessionActive(here.sessionId())).isFalse();
        assertThat(signedIn(someoneElse)).as("another user's session").isTrue();
    }

    @Test
    void signOutEverywhereRevokesOnlyTheSessionsWorkOSStillListsAsActive() throws Exception {
        IssuedSession here = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        IssuedSession there = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        IssuedSession longAgo = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        fake.revokeSession(longAgo.sessionId());
        int before = fake.requests(Endpoint.REVOKE_SESSION).size();
        HttpResponse<String> out = HTTP.send(HttpRequest.newBuilder(URI.create(app + "/auth/api/sign-out-everywhere"))
                .header("Cookie", "wos-session=" + here.cookieValue(PASSWORD)).header("X-AuthKit-Request", "1")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(fake.isSessionActive(there.sessionId())).isFalse();
        assertThat(fake.requests(Endpoint.REVOKE_SESSION).size() - before)
                .as("one call for each session still active (this one and the other browser's), none for the revoked one")
                .isEqualTo(2);
    }
}
