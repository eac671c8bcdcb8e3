package dev.authkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.Outcome;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The revocation list shared through a real redis-server: a signed {@code session.revoked} webhook
 * reaching one instance signs the session out on the others at their next request, and only it.
 */
class RedisRevocationListTest {
    static final String SECRET = "whsec_redis_revocation_test";
    static RedisServer redis;
    static FakeWorkOS fake;
    final List<AutoCloseable> toClose = new ArrayList<>();

    /** A request to http://app.test with a cookie, or a webhook POST with a body and signature. */
    record Request(String method, String path, String cookie, String body, String signature) implements AuthKitRequest {
        @Override
        public String url() {
            return "http://app.test" + path;
        }

        @Override
        public List<String> headers(String name) {
            if (name.equalsIgnoreCase("Cookie") && cookie != null) {
                return List.of(cookie);
            }
            if (name.equalsIgnoreCase("WorkOS-Signature") && signature != null) {
                return List.of(signature);
            }
            if (name.equalsIgnoreCase("Accept")) {
                return List.of("text/html");
            }
            return List.of();
        }

        @Override
        public Optional<String> body(int maxBytes) {
            return Optional.ofNullable(body);
        }
    }

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        fake = FakeWorkOS.builder().redirectUri(Stampede.REDIRECT).start();
    }

    @AfterAll
    static void stop() {
        if (fake != null) {
            fake.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void reset() {
        fake.reset();
        redis.flushAll();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    RedisRevocationList list() {
        RedisRevocationList l = RedisRevocationList.builder(redis.uri()).commandTimeout(Duration.ofSeconds(2))
                .clock(fake.clock()).build();
        toClose.add(l);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!l.isConnected() && System.nanoTime() < deadline) {
            RedisServer.sleep(Duration.ofMillis(20));
        }
        return l;
    }

    AuthKit instance() {
        AuthKitConfig config = Stampede.config(fake).toBuilder().webhookSecret(SECRET).build();
        return AuthKit.builder(config).clock(fake.clock()).middlewareAuth(true).revocationList(list()).build();
    }

    static String sign(long t, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ", v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    static boolean signedIn(AuthKit kit, IssuedSession s) {
        Outcome o = kit.handle(new Request("GET", "/account", "wos-session=" + s.cookieValue(Stampede.PASSWORD), null, null));
        return o instanceof Outcome.Continue c && c.auth().isSignedIn();
    }

    @Test
    void aWebhookOnOneInstanceSignsTheSessionOutOnEveryInstanceAndNoOther() throws Exception {
        List<AuthKit> instances = List.of(instance(), instance(), instance());
        FakeUser user = fake.addUser("erin@example.com");
        IssuedSession revoked = fake.signIn(user);
        IssuedSession kept = fake.signIn(user);
        for (AuthKit kit : instances) {
            assertThat(signedIn(kit, revoked)).isTrue(); // verified and cached on every instance
        }
        String body = "{\"id\":\"event_1\",\"event\":\"session.revoked\",\"data\":{\"object\":\"session\",\"id\":\""
                + revoked.sessionId() + "\",\"user_id\":\"" + user.id() + "\"}}";
        Outcome hook = instances.get(0).handle(new Request("POST", "/auth/webhooks/workos", null, body,
                sign(fake.clock().millis(), body)));
        assertThat(hook).isInstanceOfSatisfying(Outcome.Respond.class, r -> assertThat(r.status()).isEqualTo(200));
        assertThat(redis.keys("authkit:revoked:*")).containsExactly("authkit:revoked:" + revoked.sessionId());
        long ttl = redis.observerTtlMillis("authkit:revoked:" + revoked.sessionId());
        assertThat(ttl).as("kept for the retention floor (an hour) and the grace period, not forever").isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(70).toMillis());
        for (AuthKit kit : instances) {
            assertThat(signedIn(kit, revoked)).isFalse();
            assertThat(signedIn(kit, kept)).isTrue();
        }
    }

    @Test
    void aPastRevocationIsNotStoredAndAMalformedUriIsRefusedWithoutItsPassword() {
        RedisRevocationList l = list();
        l.revoke("session_past", fake.clock().instant().minusSeconds(1));
        assertThat(l.isRevoked("session_past")).isFalse();
        assertThat(l.isRevoked(null)).isFalse();
        l.revoke("session_now", fake.clock().instant().plusSeconds(60));
        assertThat(l.isRevoked("session_now")).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedisRevocationList.create("redis://:s3cret@[bad"))
                .isInstanceOf(dev.authkit.core.AuthKitConfigException.class).hasMessageNotContaining("s3cret");
    }

    /** Instances compute their own retention: a repeated revocation with a shorter one keeps the longer. */
    @Test
    void aRepeatedRevocationNeverShortensTheEntry() {
        RedisRevocationList l = list();
        l.revoke("session_long", fake.clock().instant().plusSeconds(3_600));
        l.revoke("session_long", fake.clock().instant().plusSeconds(60));
        assertThat(redis.observerTtlMillis("authkit:revoked:session_long")).isGreaterThan(3_000_000L);
        l.revoke("session_short", fake.clock().instant().plusSeconds(60));
        l.revoke("session_short", fake.clock().instant().plusSeconds(3_600));
        assertThat(redis.observerTtlMillis("authkit:revoked:session_short")).as("a later expiry still extends")
                .isGreaterThan(3_000_000L);
        assertThat(l.isRevoked("session_long")).isTrue();
    }

    /** {@code AUTHKIT_REVOCATION_LIST_URI} and {@code authkit.revocation-list-uri} go through {@code RevocationList.fromUri}. */
    @Test
    void aRevocationListUriFindsTheRedisList() throws Exception {
        dev.authkit.core.RevocationList found = dev.authkit.core.RevocationList.fromUri(redis.uri());
        try {
            assertThat(found).isInstanceOf(RedisRevocationList.class);
            found.revoke("session_from_uri", java.time.Instant.now().plusSeconds(60));
            assertThat(list().isRevoked("session_from_uri")).isTrue();
        } finally {
            ((AutoCloseable) found).close();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.authkit.core.RevocationList.fromUri("memcached://x"))
                .isInstanceOf(dev.authkit.core.AuthKitConfigException.class).hasMessageContaining("redis");
    }
}
