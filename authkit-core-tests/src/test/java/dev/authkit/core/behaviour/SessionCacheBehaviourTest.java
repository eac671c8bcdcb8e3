package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Outcome;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A signed-in user's repeated requests are answered from the cache of verified sessions, and the
 * cache never answers differently from the full check: a tampered cookie, an expired token, an
 * expired seal or a changed password all get what they got without it.
 */
class SessionCacheBehaviourTest extends BehaviourTest {

    Outcome.Continue handle(AuthKit kit, String cookie) {
        return (Outcome.Continue) kit.handle(TestRequest.get(APP + "/account").cookie("wos-session", cookie));
    }

    @Test
    void aTamperedCopyOfACachedCookieIsSignedOutAndCleared() {
        AuthKit kit = h.authKit().build();
        String cookie = fake.signIn(h.user(DemoData.ALICE)).cookieValue(PASSWORD);
        assertThat(handle(kit, cookie).auth().isSignedIn()).isTrue();
        assertThat(handle(kit, cookie).auth().isSignedIn()).isTrue();
        int i = cookie.length() - 10; // inside the MAC
        String tampered = cookie.substring(0, i) + (cookie.charAt(i) == 'A' ? 'B' : 'A') + cookie.substring(i + 1);
        Outcome.Continue c = handle(kit, tampered);
        assertThat(c.auth().isSignedIn()).isFalse();
        assertThat(c.cookies()).singleElement().satisfies(d -> assertThat(d.isDeletion()).isTrue());
        assertThat(handle(kit, cookie).auth().isSignedIn()).isTrue();
    }

    @Test
    void aCachedSessionIsRefreshedOnceItsTokenIsDue() {
        AuthKit kit = h.authKit().build();
        String cookie = fake.signIn(h.user(DemoData.ALICE)).cookieValue(PASSWORD);
        assertThat(handle(kit, cookie).cookies()).isEmpty();
        fake.clock().advance(fake.accessTokenLifetime().plusSeconds(1));
        Outcome.Continue c = handle(kit, cookie);
        assertThat(c.auth().isSignedIn()).isTrue();
        assertThat(c.cookies()).singleElement().satisfies(n -> assertThat(n.isDeletion()).isFalse());
        assertThat(fake.refreshCalls()).isEqualTo(1);
    }

    @Test
    void aCachedSessionEndsWithItsSealsOwnExpiration() {
        CookieSealer sealer = CookieSealer.iron(Map.of("1", PASSWORD), fake.clock());
        AuthKit kit = h.authKit().sealer(sealer).build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        // the session's JSON as the cookie holds it, sealed again with a 30-second expiration of its own
        String json = sealer.unseal(sealer.sealSession(s.toSession())).orElseThrow();
        String cookie = sealer.seal(json, Duration.ofSeconds(30));
        assertThat(handle(kit, cookie).auth().isSignedIn()).isTrue();
        fake.clock().advance(Duration.ofSeconds(95)); // past 30 s plus iron's 60 s of skew; the token lives on
        Outcome.Continue c = handle(kit, cookie);
        assertThat(c.auth().isSignedIn()).isFalse();
        assertThat(c.cookies()).singleElement().satisfies(d -> assertThat(d.isDeletion()).isTrue());
        assertThat(fake.refreshCalls()).isZero();
    }

    @Test
    void aNewCookiePasswordRefusesCookiesTheOldAuthKitHadCached() {
        String cookie = fake.signIn(h.user(DemoData.ALICE)).cookieValue(PASSWORD);
        AuthKit before = h.authKit().build();
        assertThat(handle(before, cookie).auth().isSignedIn()).isTrue();
        AuthKit after = h.authKit().sealer(CookieSealer.iron(Map.of("2", PASSWORD + "-rotated"))).build();
        assertThat(handle(after, cookie).auth().isSignedIn()).isFalse();
    }

    @Test
    void twoUsersNeverSeeEachOthersSession() {
        AuthKit kit = h.authKit().build();
        String alice = fake.signIn(h.user(DemoData.ALICE)).cookieValue(PASSWORD);
        String bob = fake.signIn(h.user(DemoData.BOB)).cookieValue(PASSWORD);
        for (int round = 0; round < 3; round++) {
            assertThat(handle(kit, alice).auth().userId()).contains(DemoData.ALICE);
            assertThat(handle(kit, bob).auth().userId()).contains(DemoData.BOB);
        }
    }
}
