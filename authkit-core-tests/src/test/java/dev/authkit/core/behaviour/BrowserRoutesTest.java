package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.cookie;
import static dev.authkit.core.behaviour.Harness.query;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.Routes;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routes {@code AuthKit.handle} answers itself: sign-in, sign-up, sign-out, callback and the JSON API (cases 71 to 73). */
class BrowserRoutesTest extends BehaviourTest {
    static final ObjectMapper JSON = new ObjectMapper();

    AuthKit authKit;

    @BeforeEach
    void setUp() {
        this.authKit = h.authKit().middlewareAuth(true).unauthenticatedPaths("/").build();
    }

    static JsonNode body(Outcome o) {
        try {
            return JSON.readTree(((Outcome.Respond) o).body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static int status(Outcome o) {
        return o instanceof Outcome.Respond r ? r.status() : ((Outcome.Redirect) o).status();
    }

    TestRequest signedIn(TestRequest r) {
        return withSession(r, fake.signIn(h.user(DemoData.ALICE)));
    }

    @Test
    void signInAndSignUpRoutesRedirectToAuthKitWithAVerifierCookie() {
        Outcome.Redirect in = (Outcome.Redirect) authKit.handle(TestRequest.get(APP + "/auth/sign-in?returnTo=/account"));
        assertThat(in.status()).isEqualTo(307);
        assertThat(query(in.location())).containsEntry("screen_hint", "sign-in");
        assertThat(in.cookies()).anyMatch(c -> c.name().startsWith("wos-auth-verifier-"));
        Outcome.Redirect up = (Outcome.Redirect) authKit.handle(TestRequest.get(APP + "/auth/sign-up?returnTo=//evil.com"));
        assertThat(query(up.location())).containsEntry("screen_hint", "sign-up");
        assertThat(status(authKit.handle(TestRequest.post(APP + "/auth/sign-in")))).isEqualTo(405);
    }

    @Test
    void theWholeRoundTripThroughHandleAlone() {
        Outcome.Redirect in = (Outcome.Redirect) authKit.handle(TestRequest.get(APP + "/auth/sign-in?returnTo=/account%3Ftab%3D1"));
        String callback = h.chooseUser(in.location(), h.user(DemoData.BOB));
        Outcome back = authKit.handle(TestRequest.get(callback).cookies(in.cookies()));
        assertThat(((Outcome.Redirect) back).location()).isEqualTo(APP + "/account?tab=1");
        SetCookie session = cookie(back, "wos-session").orElseThrow();
        Outcome page = authKit.handle(TestRequest.get(APP + "/account").cookies(java.util.List.of(session)));
        assertThat(((Outcome.Continue) page).auth().user().orElseThrow().id()).isEqualTo(DemoData.BOB);
    }

    @Test
    void signOutIsPostOnlyAndSameOriginOnly() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        assertThat(status(authKit.handle(withSession(TestRequest.get(APP + "/auth/sign-out"), s)))).isEqualTo(405);
        assertThat(status(authKit.handle(withSession(TestRequest.post(APP + "/auth/sign-out"), s)))).isEqualTo(403);
        assertThat(status(authKit.handle(withSession(TestRequest.post(APP + "/auth/sign-out").header("Origin", "https://evil.com"), s))))
                .isEqualTo(403);
        Outcome ok = authKit.handle(withSession(TestRequest.post(APP + "/auth/sign-out?returnTo=/bye").header("Origin", APP), s));
        assertThat(((Outcome.Redirect) ok).status()).isEqualTo(303);
        assertThat(query(((Outcome.Redirect) ok).location())).containsEntry("session_id", s.sessionId())
                .containsEntry("return_to", APP + "/bye");
        assertThat(cookie(ok, "wos-session")).hasValueSatisfying(c -> assertThat(c.isDeletion()).isTrue());
    }

    @Test
    void apiSessionAndAuthNeverShowTheAccessToken() {
        TestRequest req = signedIn(TestRequest.get(APP + "/auth/api/auth"));
        JsonNode auth = body(authKit.handle(req));
        assertThat(auth.get("user").get("id").asText()).isEqualTo(DemoData.ALICE);
        assertThat(auth.get("organizationId").asText()).isEqualTo(DemoData.ACME);
        assertThat(auth.get("permissions")).isNotEmpty();
        assertThat(auth.has("accessToken")).isFalse();
        assertThat(auth.toString()).doesNotContain("eyJ");
        assertThat(body(authKit.handle(signedIn(TestRequest.get(APP + "/auth/api/session")))).get("signedIn").asBoolean()).isTrue();
        assertThat(body(authKit.handle(TestRequest.get(APP + "/auth/api/session"))).get("signedIn").asBoolean()).isFalse();
        Outcome o = authKit.handle(TestRequest.get(APP + "/auth/api/session"));
        assertThat(o.headers()).contains(new Header("Cache-Control", "private, no-cache, no-store, must-revalidate, max-age=0"));
    }

    @Test
    void case72_signedOutWithEnsureSignedInGetsASignInUrlNotARedirect() {
        Outcome o = authKit.handle(TestRequest.get(APP + "/auth/api/auth?ensureSignedIn=true&returnTo=/account"));
        JsonNode body = body(o);
        assertThat(body.get("user").isNull()).isTrue();
        assertThat(body.get("signInUrl").asText()).startsWith(fake.baseUrl() + "/user_management/authorize");
        assertThat(o.cookies()).anyMatch(c -> c.name().startsWith("wos-auth-verifier-"));
        assertThat(body(authKit.handle(TestRequest.get(APP + "/auth/api/auth"))).has("signInUrl")).isFalse();
    }

    @Test
    void apiPathsAreNotRedirectedBySignInProtection() {
        assertThat(authKit.handle(TestRequest.get(APP + "/auth/api/session"))).isInstanceOf(Outcome.Respond.class);
        assertThat(status(authKit.handle(TestRequest.get(APP + "/auth/api/nope")))).isEqualTo(404);
    }

    @Test
    void accessTokenEndpoints() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        assertThat(body(authKit.handle(withSession(TestRequest.get(APP + "/auth/api/access-token"), s))).get("accessToken").asText())
                .isEqualTo(s.accessToken());
        Outcome refreshed = authKit.handle(withSession(TestRequest.post(APP + "/auth/api/access-token/refresh")
                .header("X-AuthKit-Request", "1"), s));
        String fresh = body(refreshed).get("accessToken").asText();
        assertThat(fresh).isNotEqualTo(s.accessToken());
        assertThat(Harness.unsealed(cookie(refreshed, "wos-session").orElseThrow()).accessToken()).isEqualTo(fresh);
        assertThat(body(authKit.handle(TestRequest.get(APP + "/auth/api/access-token"))).get("accessToken").isNull()).isTrue();
    }

    @Test
    void case73_aFailedTokenRefreshSaysSoWithoutThrowing() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.revokeSession(s.sessionId());
        JsonNode body = body(authKit.handle(withSession(TestRequest.post(APP + "/auth/api/access-token/refresh")
                .header("X-AuthKit-Request", "1"), s)));
        assertThat(body.get("accessToken").isNull()).isTrue();
        assertThat(body.get("error").asText()).isEqualTo("Failed to refresh access token");
    }

    @Test
    void refreshAndSwitchOrganizationAsJsonAndAsAForm() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        assertThat(status(authKit.handle(withSession(TestRequest.post(APP + "/auth/api/switch-organization?organizationId=" + DemoData.GLOBEX), s))))
                .as("no proof of same origin").isEqualTo(403);
        Outcome json = authKit.handle(withSession(TestRequest.post(APP + "/auth/api/switch-organization?organizationId=" + DemoData.GLOBEX)
                .header("X-AuthKit-Request", "1"), s));
        assertThat(body(json).get("organizationId").asText()).isEqualTo(DemoData.GLOBEX);
        SetCookie next = cookie(json, "wos-session").orElseThrow();

        Outcome form = authKit.handle(TestRequest.post(APP + "/auth/api/switch-organization?organizationId=" + DemoData.ACME + "&returnTo=/account")
                .html().header("Origin", APP).cookies(java.util.List.of(next)));
        assertThat(((Outcome.Redirect) form).location()).isEqualTo(APP + "/account");

        Outcome sso = authKit.handle(TestRequest.post(APP + "/auth/api/refresh?organizationId=" + DemoData.INITECH)
                .header("X-AuthKit-Request", "1").cookies(java.util.List.of(cookie(form, "wos-session").orElseThrow())));
        assertThat(body(sso).get("reauthenticationUrl").asText()).contains("organization_id=" + DemoData.INITECH);
        assertThat(status(authKit.handle(TestRequest.get(APP + "/auth/api/refresh")))).isEqualTo(405);
        assertThat(status(authKit.handle(TestRequest.post(APP + "/auth/api/switch-organization").header("X-AuthKit-Request", "1"))))
                .isEqualTo(400);
    }

    @Test
    void case71_organizationLookupIsLimitedToTheSessionsOrganization() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        JsonNode own = body(authKit.handle(withSession(TestRequest.get(APP + "/auth/api/organization?organizationId=" + DemoData.ACME), s)));
        assertThat(own.get("organization").get("id").asText()).isEqualTo(DemoData.ACME);
        assertThat(own.get("organization").get("name").asText()).isEqualTo("Acme Corp");
        assertThat(own.get("organization").size()).as("id and name only").isEqualTo(2);
        int lookups = fake.requests(dev.authkit.testkit.Endpoint.ORGANIZATION).size();
        JsonNode other = body(authKit.handle(withSession(TestRequest.get(APP + "/auth/api/organization?organizationId=" + DemoData.GLOBEX), s)));
        assertThat(other.get("organization").isNull()).isTrue();
        assertThat(fake.requests(dev.authkit.testkit.Endpoint.ORGANIZATION)).as("no WorkOS call").hasSize(lookups);
        assertThat(body(authKit.handle(TestRequest.get(APP + "/auth/api/organization?organizationId=" + DemoData.ACME)))
                .get("organization").isNull()).isTrue();
    }

    @Test
    void apiSignOut() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        Outcome o = authKit.handle(withSession(TestRequest.post(APP + "/auth/api/sign-out").header("X-AuthKit-Request", "1"), s));
        assertThat(body(o).get("logoutUrl").asText()).contains("session_id=" + s.sessionId());
        assertThat(cookie(o, "wos-session")).hasValueSatisfying(c -> assertThat(c.isDeletion()).isTrue());
    }

    @Test
    void apiAnswersUseTheRefreshedSession() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.clock().advance(Duration.ofMinutes(6));
        Outcome o = authKit.handle(withSession(TestRequest.get(APP + "/auth/api/access-token"), s));
        assertThat(body(o).get("accessToken").asText()).isNotEqualTo(s.accessToken());
        assertThat(cookie(o, "wos-session")).isPresent();
    }

    @Test
    void routesCanBeMovedOrSwitchedOff() {
        AuthKit moved = h.authKit().routes(Routes.defaults().withSignIn("/login").withApi("/_auth")).build();
        assertThat(moved.handle(TestRequest.get(APP + "/login"))).isInstanceOf(Outcome.Redirect.class);
        assertThat(moved.handle(TestRequest.get(APP + "/_auth/session"))).isInstanceOf(Outcome.Respond.class);
        assertThat(moved.handle(TestRequest.get(APP + "/auth/sign-in"))).isInstanceOf(Outcome.Continue.class);
        AuthKit none = h.authKit().routes(Routes.none()).build();
        assertThat(none.handle(TestRequest.get(APP + "/auth/sign-in"))).isInstanceOf(Outcome.Continue.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Routes.defaults().withApi("auth"))
                .isInstanceOf(AuthKitConfigException.class);
    }
}
