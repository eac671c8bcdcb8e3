package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.cookie;
import static dev.authkit.core.behaviour.Harness.query;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.IssuedSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The journeys of issue 10, one test per way a user lost a session or landed on an error where they
 * did nothing wrong. Each drives {@link AuthKit#handle} as an adapter does.
 */
class SessionJourneyRegressionTest extends BehaviourTest {
    static final ObjectMapper JSON = new ObjectMapper();

    AuthKit.Builder app() {
        return h.authKit().middlewareAuth(true).unauthenticatedPaths("/", "/public/:path*");
    }

    IssuedSession stale(String user) {
        IssuedSession s = fake.signIn(h.user(user));
        fake.clock().advance(Duration.ofMinutes(6));
        return s;
    }

    static TestRequest script(TestRequest r) {
        return r.header("X-AuthKit-Request", "1").header("Accept", "application/json");
    }

    static boolean deletesSession(Outcome o) {
        return cookie(o, "wos-session").filter(SetCookie::isDeletion).isPresent();
    }

    static JsonNode body(Outcome o) throws Exception {
        return JSON.readTree(((Outcome.Respond) o).body());
    }

    // 1 -----------------------------------------------------------------------------------------

    @Test
    void bug1_switchingOrganizationWithAStaleTokenKeepsTheSessionAndCallsWorkOSOnce() throws Exception {
        IssuedSession s = stale(DemoData.ALICE);
        long before = fake.refreshCalls();
        Outcome o = app().build().handle(script(withSession(TestRequest.post(APP + "/auth/api/switch-organization?organizationId="
                + DemoData.GLOBEX), s)));
        assertThat(((Outcome.Respond) o).status()).as(((Outcome.Respond) o).body()).isEqualTo(200);
        assertThat(body(o).get("organizationId").asText()).isEqualTo(DemoData.GLOBEX);
        assertThat(deletesSession(o)).isFalse();
        assertThat(fake.refreshCalls() - before).as("refresh calls").isEqualTo(1);
    }

    @Test
    void bug1_anExplicitRefreshWithoutAGracePeriodUsesTheRefreshTokenOnce() throws Exception {
        IssuedSession s = stale(DemoData.BOB);
        long before = fake.refreshCalls();
        // time moves on between any two looks at the clock, as it does outside a test
        AtomicLong ticks = new AtomicLong();
        Clock ticking = new Clock() {
            @Override
            public Instant instant() {
                return fake.clock().instant().plusMillis(ticks.incrementAndGet());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        Outcome o = app().clock(ticking).refreshGracePeriod(Duration.ZERO).build()
                .handle(script(withSession(TestRequest.post(APP + "/auth/api/refresh"), s)));
        assertThat(((Outcome.Respond) o).status()).as(((Outcome.Respond) o).body()).isEqualTo(200);
        assertThat(body(o).get("user").get("id").asText()).isEqualTo(DemoData.BOB);
        assertThat(fake.refreshCalls() - before).isEqualTo(1);
    }

    // 2 -----------------------------------------------------------------------------------------

    @Test
    void bug2_ssoReauthenticationReturnsToThePageNotToThePostOnlyRoute() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        AuthKit authKit = app().build();
        Outcome o = authKit.handle(withSession(TestRequest.post(APP + "/auth/api/switch-organization?organizationId="
                + DemoData.INITECH + "&returnTo=%2Faccount").html().header("Origin", APP), s));
        Outcome.Redirect toSignIn = (Outcome.Redirect) o;
        assertThat(toSignIn.location()).startsWith(fake.baseUrl() + "/user_management/authorize");
        assertThat(query(toSignIn.location())).containsEntry("organization_id", DemoData.INITECH);
        assertThat(deletesSession(o)).isFalse();
        // Alice picks herself on the hosted page; the callback sends her back to the page she was on
        String callback = h.chooseUser(toSignIn.location(), h.user(DemoData.ALICE));
        Outcome back = authKit.handle(withSession(TestRequest.get(callback).html(), s).cookies(toSignIn.cookies()));
        assertThat(((Outcome.Redirect) back).location()).isEqualTo(APP + "/account");
        Outcome page = authKit.handle(TestRequest.get(APP + "/account").html().cookies(back.cookies()));
        assertThat(((Outcome.Continue) page).auth().organizationId()).contains(DemoData.INITECH);
    }

    // 3 -----------------------------------------------------------------------------------------

    @Test
    void bug3_aRefusedSwitchKeepsTheSessionAndSaysWhy() throws Exception {
        IssuedSession s = fake.signIn(h.user(DemoData.CAROL));
        AuthKit authKit = app().build();
        Outcome json = authKit.handle(script(withSession(TestRequest.post(APP + "/auth/api/switch-organization?organizationId="
                + DemoData.ACME), s)));
        assertThat(((Outcome.Respond) json).status()).isEqualTo(403);
        assertThat(body(json).get("error").asText()).isEqualTo("organization_membership_required");
        assertThat(deletesSession(json)).isFalse();
        Outcome form = authKit.handle(withSession(TestRequest.post(APP + "/auth/api/switch-organization?organizationId="
                + DemoData.ACME).html().header("Origin", APP), s));
        assertThat(((Outcome.Respond) form).status()).isEqualTo(403);
        assertThat(((Outcome.Respond) form).contentType()).startsWith("text/html");
        assertThat(deletesSession(form)).isFalse();
        // still signed in
        assertThat(((Outcome.Continue) authKit.handle(withSession(TestRequest.get(APP + "/account").html(), s))).auth().isSignedIn())
                .isTrue();
    }

    // 4 -----------------------------------------------------------------------------------------

    @Test
    void bug4_aWorkOSOutageAnswers503OnProtectedPagesAndTheSessionSurvivesIt() {
        IssuedSession s = stale(DemoData.ALICE);
        AuthKit authKit = app().build();
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.serverError());
        Outcome page = authKit.handle(withSession(TestRequest.get(APP + "/account").html(), s));
        Outcome.Respond down = (Outcome.Respond) page;
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.contentType()).startsWith("text/html");
        assertThat(down.headers()).anyMatch(hd -> hd.name().equals("Retry-After"));
        assertThat(page.cookies()).isEmpty();
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.rateLimited(3));
        Outcome api = authKit.handle(withSession(TestRequest.get(APP + "/account").header("Accept", "application/json"), s));
        assertThat(((Outcome.Respond) api).status()).isEqualTo(503);
        assertThat(((Outcome.Respond) api).contentType()).startsWith("application/json");
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.serverError());
        assertThat(authKit.handle(withSession(TestRequest.get(APP + "/public/x").html(), s)))
                .as("public pages go on signed out").isInstanceOf(Outcome.Continue.class);
        // WorkOS is back: signed in without signing in again
        Outcome recovered = authKit.handle(withSession(TestRequest.get(APP + "/account").html(), s));
        assertThat(((Outcome.Continue) recovered).auth().userId()).contains(DemoData.ALICE);
    }

    // 5 -----------------------------------------------------------------------------------------

    @Test
    void bug5_theRedirectUriOverrideIsUsedWhereverASignInStarts() throws Exception {
        String override = APP + "/auth/callback";
        AuthKit authKit = app().redirectUri(override).build();
        Outcome route = authKit.handle(TestRequest.get(APP + "/auth/sign-in?returnTo=%2Fx").html());
        assertThat(query(((Outcome.Redirect) route).location())).containsEntry("redirect_uri", override);
        assertThat(query(authKit.flow().signInUrl(TestRequest.get(APP + "/"), SignInOptions.defaults()).url()))
                .containsEntry("redirect_uri", override);
        Outcome api = authKit.handle(TestRequest.get(APP + "/auth/api/auth?ensureSignedIn=true&returnTo=%2Fx"));
        assertThat(query(body(api).get("signInUrl").asText())).containsEntry("redirect_uri", override);
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        Outcome reauth = authKit.handle(script(withSession(TestRequest.post(APP + "/auth/api/switch-organization?organizationId="
                + DemoData.INITECH), s)));
        assertThat(query(body(reauth).get("reauthenticationUrl").asText())).containsEntry("redirect_uri", override);
        // and the callback route follows it
        Outcome callback = authKit.handle(TestRequest.get(override + "?code=x&state=y"));
        assertThat(callback).isInstanceOf(Outcome.Respond.class);
        assertThat(((Outcome.Respond) callback).status()).isEqualTo(400);
    }

    // 6 -----------------------------------------------------------------------------------------

    @Test
    void bug6_signUpPathsPickTheScreenForTheApiSignInUrl() throws Exception {
        AuthKit authKit = app().signUpPaths("/join/:path*").build();
        Outcome api = authKit.handle(TestRequest.get(APP + "/auth/api/auth?ensureSignedIn=true&returnTo=%2Fjoin%2Fteam"));
        assertThat(query(body(api).get("signInUrl").asText())).containsEntry("screen_hint", "sign-up");
        Outcome page = authKit.handle(TestRequest.get(APP + "/join/team").html());
        assertThat(query(((Outcome.Redirect) page).location())).containsEntry("screen_hint", "sign-up");
    }

    // 7 -----------------------------------------------------------------------------------------

    @Test
    void bug7_apiClientsGet401WithASignInUrlNotARedirectTheyCannotComplete() throws Exception {
        Outcome o = app().build().handle(TestRequest.get(APP + "/api/orders?page=2").header("Accept", "application/json"));
        Outcome.Respond r = (Outcome.Respond) o;
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers()).anyMatch(hd -> hd.name().equals("WWW-Authenticate") && hd.value().startsWith("Bearer"));
        assertThat(body(o).get("signInUrl").asText()).isEqualTo(APP + "/auth/sign-in?returnTo=%2Fapi%2Forders%3Fpage%3D2");
        assertThat(o.cookies()).isEmpty();
    }

    // 9 -----------------------------------------------------------------------------------------

    @Test
    void bug9_pageLoadsThatEndInAnErrorGetAPageScriptsKeepJson() throws Exception {
        AuthKit authKit = app().build();
        Outcome page = authKit.handle(TestRequest.get(APP + "/auth/api/switch-organization?organizationId=org_x").html());
        assertThat(((Outcome.Respond) page).status()).isEqualTo(405);
        assertThat(((Outcome.Respond) page).contentType()).startsWith("text/html");
        assertThat(((Outcome.Respond) page).body()).doesNotStartWith("{").contains("POST");
        Outcome script = authKit.handle(TestRequest.get(APP + "/auth/api/switch-organization?organizationId=org_x"));
        assertThat(body(script).get("error").asText()).isEqualTo("method_not_allowed");
        Outcome callback = authKit.handle(TestRequest.get(APP + "/callback?code=x&state=y").html());
        assertThat(((Outcome.Respond) callback).status()).isEqualTo(400);
        assertThat(((Outcome.Respond) callback).contentType()).startsWith("text/html");
    }
}
