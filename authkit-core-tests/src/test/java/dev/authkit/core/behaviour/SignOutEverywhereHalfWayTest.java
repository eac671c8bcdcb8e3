package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.core.RevocationList;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.IssuedSession;
import org.junit.jupiter.api.Test;

/**
 * Sign out everywhere at its edges: WorkOS failing half-way (503, and this browser stays signed in
 * to try again), and an impersonation (only the impersonation session ends).
 */
class SignOutEverywhereHalfWayTest extends BehaviourTest {

    @Test
    void signOutEverywhereThatFailsAtWorkOSLeavesThisBrowserSignedInAsDocumented() {
        RevocationList list = RevocationList.inProcess(fake.clock());
        AuthKit kit = h.authKit().revocationList(list).build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.signIn(h.user(DemoData.ALICE));
        fake.failNext(Endpoint.REVOKE_SESSION, 20, Failure.serverError());
        Outcome out = kit.handle(TestRequest.post(APP + "/auth/api/sign-out-everywhere").header("X-AuthKit-Request", "1")
                .cookie("wos-session", s.cookieValue(PASSWORD)));
        assertThat(out).isInstanceOfSatisfying(Outcome.Respond.class, r -> assertThat(r.status()).isEqualTo(503));
        fake.clearFailures();
        Outcome next = kit.handle(TestRequest.get(APP + "/account").cookie("wos-session", s.cookieValue(PASSWORD)));
        assertThat(((Outcome.Continue) next).auth().isSignedIn())
                .as("docs/revocation.md: 503 and this browser stays signed in, so the user can try again").isTrue();
    }

    @Test
    void signOutEverywhereWhileImpersonatingEndsOnlyTheImpersonationSession() {
        RevocationList list = RevocationList.inProcess(fake.clock());
        AuthKit kit = h.authKit().revocationList(list).build();
        IssuedSession usersOwn = fake.signIn(h.user(DemoData.ALICE));
        fake.impersonateNextSignIn("support@example.com", "ticket 42");
        dev.authkit.core.AuthorizationRedirect redirect = kit.flow().signInUrl(TestRequest.get(APP + "/login").html(),
                dev.authkit.core.SignInOptions.defaults());
        dev.authkit.core.SetCookie verifier = redirect.cookies().stream()
                .filter(c -> c.name().startsWith("wos-auth-verifier-")).findFirst().orElseThrow();
        Outcome callback = kit.flow().handleCallback(TestRequest.get(h.chooseUser(redirect.url(), h.user(DemoData.ALICE)))
                .cookie(verifier.name(), verifier.value()), dev.authkit.core.CallbackOptions.defaults());
        String impersonation = Harness.cookie(callback, "wos-session").orElseThrow().value();
        Outcome out = kit.handle(TestRequest.post(APP + "/auth/api/sign-out-everywhere").header("X-AuthKit-Request", "1")
                .cookie("wos-session", impersonation));
        assertThat(out).isInstanceOfSatisfying(Outcome.Respond.class, r -> assertThat(r.status()).isEqualTo(200));
        assertThat(fake.requests(Endpoint.REVOKE_SESSION)).as("no session of the user revoked").isEmpty();
        Outcome theUser = kit.handle(TestRequest.get(APP + "/account").cookie("wos-session", usersOwn.cookieValue(PASSWORD)));
        assertThat(((Outcome.Continue) theUser).auth().isSignedIn()).as("the user's own browser").isTrue();
    }
}
