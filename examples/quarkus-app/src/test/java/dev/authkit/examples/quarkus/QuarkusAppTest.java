package dev.authkit.examples.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authkit.quarkus.test.FakeWorkOSTestResource;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The example on Quarkus REST with FakeWorkOS: the three guards for every kind of caller, the
 * sign-in round trip, a refresh driven by the fake's clock, sign-out, and a slow WorkOS that never
 * holds up the event loop. One application for every method (Quarkus starts once).
 */
@QuarkusTest
@QuarkusTestResource(FakeWorkOSTestResource.class)
class QuarkusAppTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    FakeWorkOS fake;

    private static String base() {
        return "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    private static String password() {
        return ConfigProvider.getConfig().getValue("WORKOS_COOKIE_PASSWORD", String.class);
    }

    private String cookie(String userId) {
        return cookie(fake.signIn(fake.user(userId).orElseThrow()));
    }

    private static String cookie(IssuedSession s) {
        return "wos-session=" + s.cookieValue(password());
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What browsers send on a page load: the core sees text/html, Quarkus can still answer text/plain. */
    private static final String PAGE = "text/html,application/xhtml+xml,*/*;q=0.8";
    /** What fetch() sends by default. */
    private static final String SCRIPT = "*/*";

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).GET();
    }

    @Test
    void eachAnnotationRefusesWhomItShouldAndLetsTheRightUserIn() {
        List<String> failures = new ArrayList<>();
        // path -> the wrong signed-in user (none for @RequiresSignIn: any signed-in user may)
        Map<String, String> wrongUser = Map.of("/account", "", "/admin", DemoData.BOB, "/posts/new", DemoData.BOB);
        for (String path : List.of("/account", "/admin", "/posts/new")) {
            HttpResponse<String> page = send(get(path).header("Accept", PAGE));
            check(failures, path + " page signed out", page, 307);
            if (!page.headers().firstValue("Location").orElse("").startsWith(fake.baseUrl() + "/user_management/authorize?")) {
                failures.add(path + " page signed out went to " + page.headers().firstValue("Location"));
            }
            check(failures, path + " script signed out", send(get(path).header("Accept", SCRIPT)), 401);
            if (!wrongUser.get(path).isEmpty()) {
                check(failures, path + " wrong user", send(get(path).header("Cookie", cookie(wrongUser.get(path)))
                        .header("Accept", SCRIPT)), 403);
            }
            HttpResponse<String> right = send(get(path).header("Cookie", cookie(DemoData.ALICE)));
            check(failures, path + " right user", right, 200);
            if (!right.body().endsWith(DemoData.ALICE)) {
                failures.add(path + " right user saw " + right.body());
            }
        }
        assertEquals(List.of(), failures);
        // the portable @BeanParam CurrentAuth on Quarkus REST
        assertEquals(DemoData.ALICE, send(get("/whoami").header("Cookie", cookie(DemoData.ALICE))).body());
        assertEquals("signed out", send(get("/whoami")).body());
    }

    private static void check(List<String> failures, String what, HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            failures.add(what + ": expected " + status + ", got " + r.statusCode() + " " + r.body());
        }
        long vary = r.headers().allValues("Vary").stream().filter(v -> v.contains("Cookie")).count();
        if (vary > 1) {
            failures.add(what + ": Vary: Cookie " + vary + " times");
        }
    }

    @Test
    void signInRefreshByTheFakesClockAndSignOut() {
        String session = signInThroughTheHostedPage(DemoData.CAROL, "/account");
        HttpResponse<String> account = send(get("/account").header("Cookie", session));
        assertEquals(200, account.statusCode(), account.body());
        assertEquals("account of " + DemoData.CAROL, account.body());

        long refreshesBefore = fake.refreshCalls();
        fake.clock().advance(Duration.ofMinutes(10));
        HttpResponse<String> refreshed = send(get("/account").header("Cookie", session));
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertEquals(refreshesBefore + 1, fake.refreshCalls(), "the expired access token was refreshed once");
        String renewed = refreshed.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wos-session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no renewed session cookie"));
        assertFalse(renewed.startsWith(session + ";"));

        HttpResponse<String> out = send(HttpRequest.newBuilder(URI.create(base() + "/auth/sign-out"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Cookie", renewed.substring(0, renewed.indexOf(';')))
                .header("Origin", base()));
        assertEquals(303, out.statusCode(), out.body());
        assertTrue(out.headers().firstValue("Location").orElse("").startsWith(fake.baseUrl() + "/user_management/sessions/logout?"));
        assertTrue(out.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("wos-session=") && c.contains("Max-Age=0")));
    }

    /**
     * The JAX-RS adapter hands the entity to the core's webhook receiver on Quarkus REST (read on a
     * worker thread, never on the event loop): a signed {@code session.revoked} event signs the
     * session out at its next request; a forged one is refused and changes nothing.
     */
    @Test
    void aSignedSessionRevokedWebhookSignsTheSessionOut() {
        IssuedSession s = fake.signIn(fake.user(DemoData.BOB).orElseThrow());
        assertEquals(200, send(get("/account").header("Cookie", cookie(s))).statusCode());
        String secret = ConfigProvider.getConfig().getValue("authkit.webhook-secret", String.class);
        String event = "{\"id\":\"event_quarkus_1\",\"event\":\"session.revoked\",\"data\":{\"object\":\"session\",\"id\":\""
                + s.sessionId() + "\",\"user_id\":\"" + DemoData.BOB + "\"}}";
        long t = fake.clock().millis();
        HttpResponse<String> forged = send(webhook(event, "t=" + t + ", v1=" + hmacHex("whsec_wrong", t + "." + event)));
        assertEquals(401, forged.statusCode(), forged.body());
        assertEquals(200, send(get("/account").header("Cookie", cookie(s))).statusCode(), "a forged event changes nothing");
        HttpResponse<String> signed = send(webhook(event, "t=" + t + ", v1=" + hmacHex(secret, t + "." + event)));
        assertEquals(200, signed.statusCode(), signed.body());
        assertEquals(401, send(get("/account").header("Cookie", cookie(s)).header("Accept", SCRIPT)).statusCode(),
                "the revoked session is signed out");
    }

    private static HttpRequest.Builder webhook(String body, String signature) {
        return HttpRequest.newBuilder(URI.create(base() + "/auth/webhooks/workos")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("WorkOS-Signature", signature);
    }

    private static String hmacHex(String secret, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code userId} in as a browser would: the guard's redirect, the hosted page, the callback. */
    private String signInThroughTheHostedPage(String userId, String path) {
        HttpResponse<String> start = send(get(path).header("Accept", PAGE));
        assertEquals(307, start.statusCode(), start.body());
        String verifier = start.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wos-auth-verifier-"))
                .findFirst().orElseThrow();
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(start.headers().firstValue("Location").orElseThrow())).GET());
        FakeUser user = fake.user(userId).orElseThrow();
        Matcher m = Pattern.compile("id=\"sign-in-" + user.id() + "\" href=\"([^\"]+)\"").matcher(page.body());
        assertTrue(m.find(), "the user is on the hosted page");
        HttpResponse<String> chosen = send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + m.group(1).replace("&amp;", "&"))).GET());
        URI callback = URI.create(chosen.headers().firstValue("Location").orElseThrow());
        // the configured redirect URI names Quarkus's default test port; the test runs on a free one
        HttpResponse<String> back = send(get(callback.getRawPath() + "?" + callback.getRawQuery())
                .header("Cookie", verifier.substring(0, verifier.indexOf(';'))));
        assertEquals(307, back.statusCode(), back.body());
        assertTrue(back.headers().firstValue("Location").orElse("").endsWith(path));
        String session = back.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wos-session=")).findFirst()
                .orElseThrow();
        return session.substring(0, session.indexOf(';'));
    }

    /**
     * WorkOS answers the code exchange and a refresh after 4 s each; meanwhile the event loop (one
     * in tests) answers other requests, and Vert.x never reports it blocked.
     */
    @Test
    void aSlowWorkOSNeverHoldsUpTheEventLoop() throws Exception {
        List<String> blocked = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = String.valueOf(record.getMessage());
                if (message.contains("has been blocked")) {
                    blocked.add(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger checker = Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");
        checker.addHandler(capture);
        try {
            // a refresh that takes 4 s
            IssuedSession s = fake.signIn(fake.user(DemoData.BOB).orElseThrow());
            fake.clock().advance(Duration.ofMinutes(10));
            fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.latency(Duration.ofSeconds(4)));
            long[] pings = whileSlow(send -> send.apply(get("/account").header("Cookie", cookie(s))), 200);

            // a code exchange that takes 4 s
            HttpResponse<String> start = send(get("/account").header("Accept", PAGE));
            String verifier = start.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wos-auth-verifier-"))
                    .findFirst().orElseThrow();
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(start.headers().firstValue("Location").orElseThrow())).GET());
            Matcher m = Pattern.compile("id=\"sign-in-" + DemoData.ALICE + "\" href=\"([^\"]+)\"").matcher(page.body());
            assertTrue(m.find());
            URI callback = URI.create(send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + m.group(1).replace("&amp;", "&"))).GET())
                    .headers().firstValue("Location").orElseThrow());
            fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.latency(Duration.ofSeconds(4)));
            long[] pings2 = whileSlow(send -> send.apply(get(callback.getRawPath() + "?" + callback.getRawQuery())
                    .header("Cookie", verifier.substring(0, verifier.indexOf(';')))), 307);

            System.out.printf("event loop free while WorkOS took 4 s: refresh: %d pings, slowest %d ms; code exchange: %d pings,"
                    + " slowest %d ms%n", pings[0], pings[1], pings2[0], pings2[1]);
            assertEquals(List.of(), blocked, "Vert.x reported a blocked event loop");
        } finally {
            checker.removeHandler(capture);
        }
    }

    /**
     * Starts the slow request, pings the event loop until it answers, and checks the order: pings
     * were answered while the slow request was still waiting. Returns {count, slowest ping in ms}.
     */
    private long[] whileSlow(java.util.function.Function<java.util.function.Function<HttpRequest.Builder, HttpResponse<String>>,
            HttpResponse<String>> slow, int expectedStatus) throws Exception {
        CompletableFuture<HttpResponse<String>> pending = CompletableFuture.supplyAsync(() -> slow.apply(QuarkusAppTest::send));
        Thread.sleep(300); // let the slow request reach WorkOS
        long count = 0;
        long slowest = 0;
        while (!pending.isDone()) {
            long t0 = System.nanoTime();
            HttpResponse<String> pong = send(get("/ping"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("pong", pong.body());
            if (!pending.isDone()) {
                count++;
                slowest = Math.max(slowest, ms);
            }
            Thread.sleep(100);
        }
        HttpResponse<String> done = pending.get();
        assertEquals(expectedStatus, done.statusCode(), done.body());
        assertTrue(count >= 3, "other requests were answered while WorkOS was slow: " + count);
        return new long[] {count, slowest};
    }
}
