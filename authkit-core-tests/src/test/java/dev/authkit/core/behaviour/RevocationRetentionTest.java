package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.PASSWORD;
import static dev.authkit.core.behaviour.Harness.REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.Outcome;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeClock;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The webhook receiver at the edges: a session.revoked webhook that reaches an instance before it
 * has verified any token (just started, or behind a load balancer) keeps the session revoked as
 * long as an hour-long access token stays valid; an unsigned request is refused unread.
 */
class RevocationRetentionTest {

    /** WorkOS's header: {@code t=<ms>, v1=<hex HMAC-SHA256 of "<t>.<body>">}. */
    static String sign(String secret, long nowMillis, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + nowMillis + ", v1="
                    + HexFormat.of().formatHex(mac.doFinal((nowMillis + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static AuthKitRequest webhook(String secret, long nowMillis, String body) {
        String signature = sign(secret, nowMillis, body);
        return new AuthKitRequest() {
            public String method() { return "POST"; }
            public String url() { return APP + "/auth/webhooks/workos"; }
            public Optional<String> body(int max) { return Optional.of(body); }
            public List<String> headers(String name) {
                return name.equalsIgnoreCase("WorkOS-Signature") ? List.of(signature)
                        : name.equalsIgnoreCase("Content-Type") ? List.of("application/json") : List.of();
            }
        };
    }

    /** An unsigned POST is refused on its headers: its body, which could trickle in for long, is never read. */
    @Test
    void anUnsignedPostIsRefusedWithoutReadingItsBody() {
        try (FakeWorkOS fake = FakeWorkOS.builder().redirectUri(REDIRECT).withDemoData().start()) {
            AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                    .redirectUri(REDIRECT).apiBaseUrl(fake.baseUrl()).webhookSecret("whsec_review").build();
            AuthKit kit = AuthKit.builder(config).clock(fake.clock()).build();
            java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
            Outcome out = kit.handle(new AuthKitRequest() {
                public String method() { return "POST"; }
                public String url() { return APP + "/auth/webhooks/workos"; }
                public Optional<String> body(int max) {
                    reads.incrementAndGet();
                    return Optional.of("{}");
                }
                public List<String> headers(String name) {
                    return name.equalsIgnoreCase("Content-Type") ? List.of("application/json") : List.of();
                }
            });
            assertThat(out).isInstanceOfSatisfying(Outcome.Respond.class, r -> assertThat(r.status()).isEqualTo(400));
            assertThat(reads).hasValue(0);
        }
    }

    @Test
    void aWebhookRevocationOutlivesAnHourLongAccessTokenOnAFreshInstance() {
        try (FakeWorkOS fake = FakeWorkOS.builder().redirectUri(REDIRECT).withDemoData().clock(FakeClock.startingNow())
                .accessTokenLifetime(Duration.ofHours(1)).start()) {
            String secret = "whsec_review";
            AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                    .redirectUri(REDIRECT).apiBaseUrl(fake.baseUrl()).webhookSecret(secret).build();
            AuthKit kit = AuthKit.builder(config).clock(fake.clock()).build();
            IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
            String body = "{\"id\":\"event_1\",\"event\":\"session.revoked\",\"data\":{\"id\":\"" + s.sessionId()
                    + "\",\"user_id\":\"" + DemoData.ALICE + "\"}}";
            Outcome ack = kit.handle(webhook(secret, fake.clock().millis(), body));
            assertThat(ack).isInstanceOfSatisfying(Outcome.Respond.class, r -> assertThat(r.status()).isEqualTo(200));
            fake.clock().advance(Duration.ofMinutes(10)); // the token has 50 minutes left
            Outcome later = kit.handle(TestRequest.get(APP + "/account").cookie("wos-session", s.cookieValue(PASSWORD)));
            assertThat(((Outcome.Continue) later).auth().isSignedIn())
                    .as("a session revoked 10 minutes ago, its access token still valid for 50").isFalse();
        }
    }
}
