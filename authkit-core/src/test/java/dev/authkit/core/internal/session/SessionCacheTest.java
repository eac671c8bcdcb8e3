package dev.authkit.core.internal.session;

import dev.authkit.core.internal.crypto.IronSealer;
import dev.authkit.core.internal.crypto.Sha256Key;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.session.SessionCache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.Session;
import dev.authkit.core.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionCacheTest {
    static final String PASSWORD = "session-cache-test-password-0123456789";
    static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    static final long EXP = START.getEpochSecond() + 300;

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        final AtomicLong millis = new AtomicLong(START.toEpochMilli());

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }
    }

    final MovableClock clock = new MovableClock();
    final IronSealer sealer = new IronSealer(Map.of("1", PASSWORD), clock);

    static SessionCache.Verified verified(String userId, long exp) {
        User user = new User(userId, userId + "@example.com", true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z");
        TokenClaims claims = new TokenClaims(Optional.of(userId), Optional.of("session_1"), Optional.empty(), Optional.empty(),
                List.of(), List.of(), List.of(), List.of(), START.getEpochSecond(), exp, Map.of("sub", userId, "exp", exp));
        return new SessionCache.Verified(new Session("token-of-" + userId, "refresh", user, Optional.empty(), Optional.empty()),
                claims);
    }

    String seal(String userId, Duration ttl) {
        return sealer.seal("{\"user\":\"" + userId + "\"}", ttl);
    }

    Sha256Key key(String sealed) {
        return Sha256Key.of(sealed).orElseThrow();
    }

    long now() {
        return clock.millis();
    }

    @Test
    void servesWhatWasPutUntilTheTokenExpires() {
        SessionCache cache = new SessionCache(sealer, 100);
        String cookie = seal("user_1", Duration.ZERO);
        cache.put(key(cookie), cookie, verified("user_1", EXP), now());
        assertThat(cache.get(key(cookie), now())).map(v -> v.session().user().id()).contains("user_1");
        clock.advance(Duration.ofSeconds(299));
        assertThat(cache.get(key(cookie), now())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get(key(cookie), now())).isEmpty();
    }

    @Test
    void endsWithTheSealsOwnExpirationWhenThatComesFirst() {
        SessionCache cache = new SessionCache(sealer, 100);
        String cookie = seal("user_1", Duration.ofSeconds(30));
        assertThat(sealer.unseal(cookie)).isPresent();
        cache.put(key(cookie), cookie, verified("user_1", EXP), now());
        clock.advance(Duration.ofSeconds(89)); // iron accepts 60 s past the expiration
        assertThat(sealer.unseal(cookie)).isPresent();
        assertThat(cache.get(key(cookie), now())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sealer.unseal(cookie)).isEmpty();
        assertThat(cache.get(key(cookie), now())).isEmpty();
    }

    @Test
    void aTamperedCookieHasAnotherKeyAndMisses() {
        SessionCache cache = new SessionCache(sealer, 100);
        String cookie = seal("user_1", Duration.ZERO);
        cache.put(key(cookie), cookie, verified("user_1", EXP), now());
        int i = cookie.indexOf('*', 60) + 5;
        String tampered = cookie.substring(0, i) + (cookie.charAt(i) == 'A' ? 'B' : 'A') + cookie.substring(i + 1);
        assertThat(cache.get(key(tampered), now())).isEmpty();
        assertThat(sealer.unseal(tampered)).isEmpty();
        assertThat(cache.get(key(cookie + " "), now())).isEmpty();
    }

    @Test
    void holdsNoMoreThanItsCapacityAndKeepsTheRecentOnes() {
        SessionCache cache = new SessionCache(sealer, 64);
        String first = seal("user_first", Duration.ZERO);
        cache.put(key(first), first, verified("user_first", EXP), now());
        for (int i = 0; i < 500; i++) {
            String c = seal("user_" + i, Duration.ZERO);
            cache.put(key(c), c, verified("user_" + i, EXP), now());
            assertThat(cache.get(key(first), now())).as("a user active all along stays").isPresent();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(64);
    }

    @Test
    void aCookieOfTheOldPasswordIsNotServedAfterAPasswordChange() {
        // the cache belongs to one sealer; a password change builds a new sealer, and a new cache
        SessionCache before = new SessionCache(sealer, 100);
        String cookie = seal("user_1", Duration.ZERO);
        before.put(key(cookie), cookie, verified("user_1", EXP), now());
        IronSealer rotated = new IronSealer(Map.of("2", PASSWORD + "-rotated"), clock);
        SessionCache after = new SessionCache(rotated, 100);
        assertThat(rotated.unseal(cookie)).isEmpty();
        assertThat(after.get(key(cookie), now())).isEmpty();
    }

    @Test
    void theKeyIsTheDigestNotTheCookie() {
        String cookie = seal("user_1", Duration.ZERO);
        assertThat(key(cookie).toString()).doesNotContain(cookie.substring(0, 20));
        assertThat(Sha256Key.of("caf\u00e9")).isEmpty(); // not ASCII: not a cookie we cache
        assertThat(Sha256Key.of("abc")).isEqualTo(Sha256Key.of("xabcx", 1, 4));
        // SHA-256("abc") = ba7816bf 8f01cfea ...
        assertThat(Sha256Key.of("abc").orElseThrow().w0()).isEqualTo(0xba7816bf8f01cfeaL);
    }
}
