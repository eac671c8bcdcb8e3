package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.cookie;
import static dev.authkit.core.behaviour.Harness.query;
import static dev.authkit.core.behaviour.Harness.unsealed;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.AccessRule;
import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.RecordedRequest;
import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 21: step-up ({@code max_age}, recent-sign-in rules, RFC 9470 for scripts), organization
 * selection at the callback, sign-in signals, and one application on two origins; journeys through
 * FakeWorkOS with its controlled clock.
 */
class SignInFlowsTest {
    static final String SECOND = "http://b.test";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static FakeWorkOSExtension extension = new FakeWorkOSExtension(Harness.fakeOptions()
            .redirectUri(SECOND + "/auth/callback"));

    FakeWorkOS fake;
    Harness h;
    AuthKit authKit;
    FakeUser alice;

    @BeforeEach
    void wire(FakeWorkOS fake) {
        this.fake = fake;
        this.h = new Harness(fake);
        this.alice = h.user(DemoData.ALICE);
        this.authKit = h.authKit().recentSignInPaths(Duration.ofMinutes(10), "/billing/:path*")
                .redirectUris(SECOND + "/auth/callback").build();
    }

    /** Follows a sign-in redirect through the hosted page as {@code user} and completes the callback. */
    Outcome signInThrough(Outcome.Redirect toWorkOS, FakeUser user, TestRequest browser) {
        String callback = h.chooseUser(toWorkOS.location(), user);
        return authKit.handle(browser.cookies(toWorkOS.cookies()).method("GET").withUrl(callback).html());
    }

    @Test
    void stepUp_pageRuleOfTenMinutes_userSignedInElevenMinutesAgo_goesThroughSignInWithMaxAgeAndBack() {
        IssuedSession old = fake.signIn(alice);
        fake.autoSignIn(alice); // without max_age the hosted page would sign alice in at once
        fake.clock().advance(Duration.ofMinutes(11));
        TestRequest page = withSession(TestRequest.get(APP + "/billing/invoices?year=2026"), old).html();

        Outcome first = authKit.handle(page);
        assertThat(first).isInstanceOf(Outcome.Redirect.class);
        Outcome.Redirect toWorkOS = (Outcome.Redirect) first;
        assertThat(query(toWorkOS.location())).containsEntry("max_age", "600");
        assertThat(Harness.get(toWorkOS.location()).statusCode()).as("FakeWorkOS asks again: its page, no redirect")
                .isEqualTo(200);

        Outcome back = signInThrough(toWorkOS, alice, TestRequest.get(APP));
        assertThat(back).isInstanceOf(Outcome.Redirect.class);
        assertThat(((Outcome.Redirect) back).location()).isEqualTo(APP + "/billing/invoices?year=2026");
        SetCookie session = cookie(back, "wos-session").orElseThrow();
        Outcome again = authKit.handle(TestRequest.get(APP + "/billing/invoices?year=2026").html().cookie("wos-session",
                session.headerValue().substring("wos-session=".length(), session.headerValue().indexOf(';'))));
        assertThat(again).isInstanceOf(Outcome.Continue.class);
        Auth auth = ((Outcome.Continue) again).auth();
        assertThat(auth.authenticatedAt()).contains(fake.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void stepUp_aRecentEnoughSignInPasses_andSignedOutVisitorsAreSentToSignInWithMaxAge() {
        IssuedSession s = fake.signIn(alice);
        fake.clock().advance(Duration.ofMinutes(9));
        assertThat(authKit.handle(withSession(TestRequest.get(APP + "/billing/x"), s).html()))
                .isInstanceOf(Outcome.Continue.class);
        assertThat(authKit.handle(withSession(TestRequest.get(APP + "/other"), s).html())).isInstanceOf(Outcome.Continue.class);
        Outcome signedOut = authKit.handle(TestRequest.get(APP + "/billing/x").html());
        assertThat(signedOut).isInstanceOf(Outcome.Redirect.class);
        assertThat(query(((Outcome.Redirect) signedOut).location())).containsEntry("max_age", "600");
    }

    @Test
    void stepUp_aScriptGetsTheRfc9470Answer() throws Exception {
        IssuedSession old = fake.signIn(alice);
        fake.clock().advance(Duration.ofMinutes(11));
        Outcome o = authKit.handle(withSession(TestRequest.get(APP + "/billing/x"), old).header("Accept", "application/json"));
        assertThat(o).isInstanceOf(Outcome.Respond.class);
        Outcome.Respond r = (Outcome.Respond) o;
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers()).extracting(Header::name, Header::value).contains(org.assertj.core.groups.Tuple.tuple(
                "WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", error_description=\"A more recent "
                        + "sign-in is required\", max_age=600"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("recent_sign_in_required");
        assertThat(body.get("maxAge").asLong()).isEqualTo(600);
        assertThat(body.get("signInUrl").asText()).isEqualTo(APP + "/auth/sign-in?returnTo=%2Fbilling%2Fx&maxAge=600");
        assertThat(r.problem()).map(p -> p.code()).contains("recent_sign_in_required");
        // the sign-in route the script sends the browser to carries max_age on to WorkOS
        Outcome route = authKit.handle(TestRequest.get(body.get("signInUrl").asText()).html());
        assertThat(query(((Outcome.Redirect) route).location())).containsEntry("max_age", "600");
    }

    @Test
    void stepUp_routeRuleHoldsForBearerTokensToo() {
        AuthKit api = h.authKit().acceptBearerTokens(true).recentSignInPaths(Duration.ofMinutes(10), "/billing/:path*").build();
        IssuedSession s = fake.signIn(alice);
        long elevenMinutesAgo = fake.clock().instant().minusSeconds(660).getEpochSecond();
        String stale = fake.accessToken(s.sessionId(), c -> c.setClaim("auth_time", elevenMinutesAgo));
        Outcome o = api.handle(TestRequest.get(APP + "/billing/x").header("Authorization", "Bearer " + stale));
        assertThat(status(o)).isEqualTo(401);
        assertThat(((Outcome.Respond) o).body()).contains("recent_sign_in_required");
        assertThat(api.handle(TestRequest.get(APP + "/billing/x").header("Authorization", "Bearer " + s.accessToken())))
                .isInstanceOf(Outcome.Continue.class);
        assertThat(api.handle(TestRequest.get(APP + "/other").header("Authorization", "Bearer " + stale)))
                .isInstanceOf(Outcome.Continue.class);
    }

    @Test
    void stepUp_asAnAccessRuleAndAsTheFacadesOutcome() {
        IssuedSession s = fake.signIn(alice);
        fake.clock().advance(Duration.ofMinutes(6));
        TestRequest api = withSession(TestRequest.get(APP + "/api/transfer"), s);
        Auth auth = ((Outcome.Continue) authKit.handle(api)).auth();
        assertThat(authKit.authorize(api, auth, AccessRule.signedInWithin(Duration.ofMinutes(10)))).isEmpty();
        Optional<Outcome> denied = authKit.authorize(api, auth, AccessRule.anyRole("admin")
                .andSignedInWithin(Duration.ofMinutes(5)));
        assertThat(denied).get().extracting(o -> ((Outcome.Respond) o).status()).isEqualTo(401);
        assertThat(((Outcome.Respond) denied.get()).body()).contains("\"maxAge\":300");
        // the role is judged first: signing in again would not give a missing role
        assertThat(authKit.authorize(api, auth, AccessRule.anyRole("owner").andSignedInWithin(Duration.ofMinutes(5))))
                .get().extracting(o -> ((Outcome.Respond) o).status()).isEqualTo(403);
        Outcome page = authKit.recentSignInRequired(TestRequest.get(APP + "/settings/keys").html(), Duration.ofSeconds(90));
        assertThat(query(((Outcome.Redirect) page).location())).containsEntry("max_age", "90");
        assertThat(query(authKit.flow().signInUrl(TestRequest.get(APP + "/"), SignInOptions.builder()
                .maxAge(Duration.ZERO).build()).url())).containsEntry("max_age", "0");
        assertThat(query(authKit.flow().signInUrl(TestRequest.get(APP + "/"), SignInOptions.defaults()).url()))
                .doesNotContainKey("max_age");
    }

    // ---- organization selection

    FakeUser chooser() {
        FakeUser dana = fake.addUser(FakeUser.builder("dana@example.com").name("Dana", "Diaz").requiresOrganizationSelection());
        FakeOrganization evil = fake.addOrganization("<img src=x onerror=alert(1)> & Co");
        fake.addMembership(dana, fake.organization(DemoData.ACME).orElseThrow(), "member");
        fake.addMembership(dana, evil, "admin");
        return dana;
    }

    Outcome.Respond chooserPage(FakeUser user, TestRequest browser) {
        AuthorizationRedirect in = authKit.flow().signInUrl(TestRequest.get(APP + "/"),
                SignInOptions.builder().returnTo("/projects?id=7").build());
        String callback = h.chooseUser(in.url(), user);
        Outcome o = authKit.handle(browser.cookies(in.cookies()).withUrl(callback));
        assertThat(o).isInstanceOf(Outcome.Respond.class);
        return (Outcome.Respond) o;
    }

    @Test
    void organizationSelection_chooserThenSelectionGrant_pendingTokenNeverInClear() {
        FakeUser dana = chooser();
        TestRequest browser = TestRequest.get(APP).html().header("User-Agent", "Chooser/1.0")
                .header("X-Test-Client-Address", "203.0.113.9");
        Outcome.Respond page = chooserPage(dana, browser);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Choose an organization")
                .contains("&lt;img src=x onerror=alert(1)&gt; &amp; Co").doesNotContain("<img src=x").doesNotContain("pat_");
        SetCookie pending = cookie(page, "wos-org-selection").orElseThrow();
        assertThat(pending.value()).startsWith("Fe26.2*").doesNotContain("pat_");
        assertThat(pending.maxAge()).isEqualTo(600);
        assertThat(page.body()).contains("action=\"/callback?organization_id=" + DemoData.ACME + "\"");

        Outcome done = authKit.handle(TestRequest.post(APP + "/callback?organization_id=" + DemoData.ACME).html()
                .header("Origin", APP).header("User-Agent", "Chooser/1.0").header("X-Test-Client-Address", "203.0.113.9")
                .cookies(page.cookies()));
        assertThat(done).isInstanceOf(Outcome.Redirect.class);
        assertThat(((Outcome.Redirect) done).status()).isEqualTo(303);
        assertThat(((Outcome.Redirect) done).location()).isEqualTo(APP + "/projects?id=7");
        assertThat(unsealed(cookie(done, "wos-session").orElseThrow()).user().id()).isEqualTo(dana.id());
        assertThat(cookie(done, "wos-org-selection").orElseThrow().isDeletion()).isTrue();
        RecordedRequest grant = fake.requests(Endpoint.AUTHENTICATE).stream()
                .filter(r -> r.grantType().filter(g -> g.endsWith("organization-selection")).isPresent()).findFirst().orElseThrow();
        assertThat(grant.bodyField("organization_id")).contains(DemoData.ACME);
        assertThat(grant.bodyField("ip_address")).contains("203.0.113.9");
        assertThat(grant.bodyField("user_agent")).contains("Chooser/1.0");
    }

    @Test
    void organizationSelection_forgedExpiredCrossSiteOrUnofferedAnswers4xx_neverSignsIn() {
        FakeUser dana = chooser();
        Outcome.Respond page = chooserPage(dana, TestRequest.get(APP).html());
        TestRequest post = TestRequest.post(APP + "/callback?organization_id=" + DemoData.ACME).html().header("Origin", APP);
        assertThat(status(authKit.handle(post.cookie("wos-org-selection", "Fe26.2*forged")))).isEqualTo(400);
        assertThat(status(authKit.handle(post))).isEqualTo(400);
        assertThat(status(authKit.handle(TestRequest.post(APP + "/callback?organization_id=" + DemoData.ACME).html()
                .cookies(page.cookies())))).as("no Origin: cross-site").isEqualTo(403);
        assertThat(status(authKit.handle(TestRequest.post(APP + "/callback?organization_id=" + DemoData.GLOBEX).html()
                .header("Origin", APP).cookies(page.cookies())))).as("not offered").isEqualTo(400);
        fake.clock().advance(Duration.ofMinutes(11));
        Outcome expired = authKit.handle(post.cookies(page.cookies()));
        assertThat(status(expired)).isEqualTo(400);
        assertThat(((Outcome.Respond) expired).body()).contains("couldn&#39;t sign you in");
        assertThat(cookie(expired, "wos-session")).isEmpty();
    }

    @Test
    void organizationSelection_scriptsGetJson() throws Exception {
        FakeUser dana = chooser();
        Outcome.Respond json = chooserPage(dana, TestRequest.get(APP).header("Accept", "application/json"));
        assertThat(json.status()).isEqualTo(403);
        JsonNode body = JSON.readTree(json.body());
        assertThat(body.get("error").asText()).isEqualTo("organization_selection_required");
        assertThat(body.get("organizations")).hasSize(2);
        assertThat(json.body()).doesNotContain("pat_");
    }

    // ---- signals

    @Test
    void signals_codeExchangeAndRefreshSendIpAddressAndUserAgent() {
        TestRequest browser = TestRequest.get(APP).html().header("User-Agent", "Mozilla/5.0 (Signals)")
                .header("X-Test-Client-Address", "198.51.100.7");
        AuthorizationRedirect in = authKit.flow().signInUrl(browser, SignInOptions.defaults());
        Outcome back = authKit.handle(browser.cookies(in.cookies()).withUrl(h.chooseUser(in.url(), alice)));
        RecordedRequest exchange = fake.requests(Endpoint.AUTHENTICATE).get(0);
        assertThat(exchange.grantType()).contains("authorization_code");
        assertThat(exchange.bodyField("ip_address")).contains("198.51.100.7");
        assertThat(exchange.bodyField("user_agent")).contains("Mozilla/5.0 (Signals)");

        fake.clock().advance(Duration.ofMinutes(6));
        Outcome refreshed = authKit.handle(browser.withUrl(APP + "/").cookies(back.cookies()));
        assertThat(refreshed).isInstanceOf(Outcome.Continue.class);
        RecordedRequest refresh = fake.requests(Endpoint.AUTHENTICATE).stream()
                .filter(r -> r.grantType().filter("refresh_token"::equals).isPresent()).findFirst().orElseThrow();
        assertThat(refresh.bodyField("ip_address")).contains("198.51.100.7");
        assertThat(refresh.bodyField("user_agent")).contains("Mozilla/5.0 (Signals)");
    }

    @Test
    void signals_aHostNameOrJunkIsNoAddress() {
        TestRequest browser = TestRequest.get(APP).html().header("X-Test-Client-Address", "evil.example\r\nX: y");
        AuthorizationRedirect in = authKit.flow().signInUrl(browser, SignInOptions.defaults());
        authKit.handle(browser.cookies(in.cookies()).withUrl(h.chooseUser(in.url(), alice)));
        assertThat(fake.requests(Endpoint.AUTHENTICATE).get(0).bodyField("ip_address")).isEmpty();
    }

    // ---- several domains

    @Test
    void twoOrigins_eachSignsInOnItsOwn_aForeignHostGetsTheDefault() {
        AuthKit protectedApp = h.authKit().middlewareAuth(true).redirectUris(SECOND + "/auth/callback").build();
        for (String origin : List.of(APP, SECOND)) {
            String callbackUri = origin.equals(APP) ? Harness.REDIRECT : SECOND + "/auth/callback";
            Outcome.Redirect toWorkOS = (Outcome.Redirect) protectedApp.handle(TestRequest.get(origin + "/dashboard").html());
            assertThat(query(toWorkOS.location())).containsEntry("redirect_uri", callbackUri);
            String callback = h.chooseUser(toWorkOS.location(), alice);
            assertThat(callback).startsWith(callbackUri + "?code=");
            Outcome back = protectedApp.handle(TestRequest.get(callback).html().cookies(toWorkOS.cookies()));
            assertThat(back).as(origin).isInstanceOf(Outcome.Redirect.class);
            assertThat(((Outcome.Redirect) back).location()).isEqualTo(origin + "/dashboard");
            assertThat(cookie(back, "wos-session")).isPresent();
        }
        Outcome.Redirect foreign = (Outcome.Redirect) protectedApp.handle(TestRequest.get("http://evil.test/dashboard").html());
        assertThat(query(foreign.location())).containsEntry("redirect_uri", Harness.REDIRECT);
        Outcome.Redirect viaScript = (Outcome.Redirect) protectedApp.handle(TestRequest.get(SECOND + "/auth/sign-in").html());
        assertThat(query(viaScript.location())).containsEntry("redirect_uri", SECOND + "/auth/callback");
    }

    static int status(Outcome o) {
        return o instanceof Outcome.Respond r ? r.status() : o instanceof Outcome.Redirect d ? d.status() : 200;
    }
}
