package dev.authkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.SessionStore;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.LargeOrganization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side sessions on a real redis-server (with an append-only file, as production runs it):
 * two application instances share one store; the cookie is a small sealed reference; sign-out kills
 * every copy of the cookie on every instance; Redis killed mid-run answers 503 on protected pages
 * and loses no session once it is back.
 */
class RedisSessionStoreTest {
    static RedisServer redis;
    static FakeWorkOS fake;
    final List<AutoCloseable> toClose = new ArrayList<>();

    /** A browser request to http://app.test with the given Cookie header. */
    record Request(String method, String path, String cookie) implements AuthKitRequest {
        @Override
        public String url() {
            return "http://app.test" + path;
        }

        @Override
        public List<String> headers(String name) {
            if (name.equalsIgnoreCase("Cookie")) {
                return cookie.isEmpty() ? List.of() : List.of(cookie);
            }
            if (name.equalsIgnoreCase("Origin") && method.equals("POST")) {
                return List.of("http://app.test");
            }
            if (name.equalsIgnoreCase("Accept")) {
                return List.of("text/html");
            }
            return List.of();
        }
    }

    @BeforeAll
    static void start() {
        redis = RedisServer.start(true);
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

    RedisSessionStore store() {
        RedisSessionStore s = RedisSessionStore.builder(redis.uri()).commandTimeout(Duration.ofSeconds(2)).build();
        toClose.add(s);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!s.isConnected() && System.nanoTime() < deadline) {
            RedisServer.sleep(Duration.ofMillis(20));
        }
        return s;
    }

    AuthKit instance(SessionStore store) {
        return AuthKit.builder(Stampede.config(fake)).clock(fake.clock()).middlewareAuth(true)
                .unauthenticatedPaths("/public").sessionStore(store).build();
    }

    /** The cookie the instance writes for a fresh sign-in of {@code s}: {@code wos-session=<value>}. */
    static String cookieFor(AuthKit kit, IssuedSession s) {
        List<SetCookie> cookies = kit.sessions().saveSessionCookies(new Request("GET", "/", ""), s.toSession());
        assertThat(cookies).hasSize(1);
        SetCookie c = cookies.get(0);
        assertThat(c.name()).isEqualTo("wos-session");
        return c.name() + "=" + c.value();
    }

    static boolean signedIn(Outcome o) {
        return o instanceof Outcome.Continue c && c.auth().isSignedIn();
    }

    @Test
    void aLargeSessionIsASmallCookieReadByEveryInstanceAndSignOutKillsEveryCopy() {
        AuthKit one = instance(store());
        AuthKit two = instance(store());
        LargeOrganization.Seeded big = LargeOrganization.seed(fake, "dana@example.com", 400, 60, 40);
        IssuedSession session = fake.signIn(big.user(), big.large());
        String cookie = cookieFor(one, session);
        System.out.println("[large-sessions] Redis store: cookie " + cookie.length() + " bytes for 400 permissions, "
                + "60 flags, 40 entitlements; plain cookie would be " + session.cookieValue(Stampede.PASSWORD).length());
        assertThat(cookie.length()).isLessThan(512);
        List<String> keys = redis.keys("authkit:session:*");
        assertThat(keys).hasSize(1);
        assertThat(redis.observerTtlMillis(keys.get(0))).isPositive().isLessThanOrEqualTo(Duration.ofDays(400).toMillis());
        String stored = redis.get(keys.get(0));
        assertThat(stored).startsWith("Fe26.2*").doesNotContain(session.accessToken()).doesNotContain(session.refreshToken())
                .doesNotContain("dana@example.com");
        Outcome onTwo = two.handle(new Request("GET", "/account", cookie));
        assertThat(signedIn(onTwo)).isTrue();
        assertThat(((Outcome.Continue) onTwo).auth().permissions()).hasSize(400);
        // sign-out on one: the store entry is gone, and the copied cookie reads signed out on both
        Outcome out = one.handle(new Request("POST", "/auth/sign-out", cookie));
        assertThat(out.cookies()).filteredOn(SetCookie::isDeletion).extracting(SetCookie::name).contains("wos-session");
        assertThat(redis.keys("authkit:session:*")).isEmpty();
        for (AuthKit kit : List.of(one, two)) {
            assertThat(signedIn(kit.handle(new Request("GET", "/account", cookie)))).isFalse();
            assertThat(kit.handle(new Request("GET", "/account", cookie))).isInstanceOf(Outcome.Redirect.class);
        }
    }

    @Test
    void aSessionStoreUriFindsTheRedisStore() throws Exception {
        SessionStore s = SessionStore.fromUri(redis.uri());
        try {
            assertThat(s).isInstanceOf(RedisSessionStore.class);
        } finally {
            ((AutoCloseable) s).close();
        }
    }

    @Test
    void redisKilledMidRunAnswers503OnProtectedPagesAndLosesNoSession() {
        AuthKit one = instance(store());
        AuthKit two = instance(store());
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            IssuedSession s = fake.signIn(fake.addUser("user" + i + "@outage.test"));
            cookies.add(cookieFor(i % 2 == 0 ? one : two, s));
        }
        for (String c : cookies) {
            assertThat(signedIn(one.handle(new Request("GET", "/account", c)))).isTrue();
        }
        redis.kill();
        int unavailable = 0;
        for (String c : cookies) {
            for (AuthKit kit : List.of(one, two)) {
                Outcome o = kit.handle(new Request("GET", "/account", c));
                assertThat(o).isInstanceOf(Outcome.Respond.class);
                Outcome.Respond r = (Outcome.Respond) o;
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.headers()).extracting(Header::name).contains("Retry-After");
                assertThat(r.cookies()).as("nothing deleted while the store is down").isEmpty();
                unavailable++;
                Outcome pub = kit.handle(new Request("GET", "/public", c));
                assertThat(pub).isInstanceOf(Outcome.Continue.class);
                assertThat(((Outcome.Continue) pub).auth().isSignedIn()).isFalse();
                assertThat(pub.cookies()).isEmpty();
            }
        }
        redis.restart();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // both instances' connections come back on their own schedules: wait for each, not just the first
        while (!(signedIn(one.handle(new Request("GET", "/account", cookies.get(0))))
                && signedIn(two.handle(new Request("GET", "/account", cookies.get(0))))) && System.nanoTime() < deadline) {
            RedisServer.sleep(Duration.ofMillis(50));
        }
        int lost = 0;
        for (String c : cookies) {
            for (AuthKit kit : List.of(one, two)) {
                if (!signedIn(kit.handle(new Request("GET", "/account", c)))) {
                    lost++;
                }
            }
        }
        System.out.println("[large-sessions] Redis killed: " + unavailable + " protected requests answered 503; "
                + "after restart " + lost + " of " + cookies.size() + " sessions lost");
        assertThat(lost).isZero();
    }
}
