package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.Outcome;
import dev.authkit.core.RevocationList;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.IssuedSession;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The revocation check of the session stage: a revoked session is signed out even when its
 * verified cookie sits in the session cache, through the one event sink, and only that session.
 */
class RevocationBehaviourTest extends BehaviourTest {

    Outcome handle(AuthKit kit, IssuedSession s, String path) {
        return kit.handle(TestRequest.get(APP + path).cookie("wos-session", s.cookieValue(PASSWORD)));
    }

    @Test
    void aRevokedSessionIsSignedOutThoughItsVerdictIsCachedAndTheEventSaysSo() {
        RevocationList list = RevocationList.inProcess(fake.clock());
        List<AuthKitEvent> events = new CopyOnWriteArrayList<>();
        AuthKit kit = h.authKit().revocationList(list).events(events::add).build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        IssuedSession other = fake.signIn(h.user(DemoData.ALICE));
        assertThat(((Outcome.Continue) handle(kit, s, "/account")).auth().isSignedIn()).isTrue();
        assertThat(((Outcome.Continue) handle(kit, s, "/account")).auth().isSignedIn()).isTrue(); // from the cache
        list.revoke(s.sessionId(), fake.clock().instant().plusSeconds(300));
        Outcome.Continue out = (Outcome.Continue) handle(kit, s, "/account");
        assertThat(out.auth().isSignedIn()).isFalse();
        assertThat(out.cookies()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("wos-session");
            assertThat(c.isDeletion()).isTrue();
        });
        assertThat(events).filteredOn(e -> e instanceof AuthKitEvent.SessionRevoked).singleElement()
                .satisfies(e -> assertThat(((AuthKitEvent.SessionRevoked) e).sessionId()).contains(s.sessionId()));
        assertThat(((Outcome.Continue) handle(kit, other, "/account")).auth().isSignedIn()).isTrue();
        assertThat(fake.refreshCalls()).as("no call to WorkOS decides it").isZero();
    }

    @Test
    void protectedPagesSendABrowserToSignInAndAScriptGets401() {
        RevocationList list = RevocationList.inProcess(fake.clock());
        AuthKit kit = h.authKit().revocationList(list).middlewareAuth(true).build();
        IssuedSession s = fake.signIn(h.user(DemoData.BOB));
        list.revoke(s.sessionId(), Instant.MAX);
        Outcome page = kit.handle(TestRequest.get(APP + "/admin").header("Accept", "text/html")
                .cookie("wos-session", s.cookieValue(PASSWORD)));
        assertThat(page).isInstanceOf(Outcome.Redirect.class);
        Outcome script = kit.handle(TestRequest.get(APP + "/admin").header("Accept", "application/json")
                .cookie("wos-session", s.cookieValue(PASSWORD)));
        assertThat(script).isInstanceOfSatisfying(Outcome.Respond.class, r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void anExpiredTokenOfARevokedSessionIsNotRefreshed() {
        RevocationList list = RevocationList.inProcess(fake.clock());
        AuthKit kit = h.authKit().revocationList(list).build();
        IssuedSession s = fake.signIn(h.user(DemoData.CAROL));
        list.revoke(s.sessionId(), fake.clock().instant().plusSeconds(3600));
        fake.clock().advance(fake.accessTokenLifetime().plusSeconds(5));
        Outcome.Continue out = (Outcome.Continue) handle(kit, s, "/account");
        assertThat(out.auth().isSignedIn()).isFalse();
        assertThat(fake.refreshCalls()).isZero();
    }

    @Test
    void theEndpointsThatExchangeTheRefreshTokenThemselvesDeleteARevokedSessionsCookie() {
        RevocationList list = RevocationList.inProcess(fake.clock());
        AuthKit kit = h.authKit().revocationList(list).build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        list.revoke(s.sessionId(), Instant.MAX);
        for (String endpoint : List.of("/auth/api/refresh", "/auth/api/access-token/refresh",
                "/auth/api/switch-organization?organizationId=" + DemoData.GLOBEX)) {
            Outcome script = kit.handle(TestRequest.post(APP + endpoint).header("X-AuthKit-Request", "1")
                    .cookie("wos-session", s.cookieValue(PASSWORD)));
            assertThat(script.cookies()).as(endpoint).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo("wos-session");
                assertThat(c.isDeletion()).isTrue();
            });
            assertThat(script.cookies()).as(endpoint + ": one Set-Cookie per name")
                    .extracting(c -> c.name()).doesNotHaveDuplicates();
        }
        Outcome form = kit.handle(TestRequest.post(APP + "/auth/api/switch-organization?organizationId=" + DemoData.GLOBEX)
                .html().header("Origin", APP).cookie("wos-session", s.cookieValue(PASSWORD)));
        assertThat(form.cookies()).anySatisfy(c -> assertThat(c.isDeletion() && c.name().equals("wos-session")).isTrue());
        assertThat(fake.refreshCalls()).as("a revoked session is never exchanged").isZero();
    }
}
