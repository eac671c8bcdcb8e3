package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.cookie;
import static dev.authkit.core.behaviour.Harness.query;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Outcome;
import dev.authkit.core.RefreshOutcome;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sign-in URLs, sign-out, refreshSession and organization switching (reference cases 36 to 45 and 62 to 70). */
class SignInSignOutTest extends BehaviourTest {
    static final ObjectMapper JSON = new ObjectMapper();

    AuthKit authKit;

    @BeforeEach
    void setUp() {
        this.authKit = h.authKit().allowedReturnOrigins("https://marketing.example").build();
    }

    JsonNode state(AuthorizationRedirect r) throws Exception {
        String sealed = query(r.url()).get("state");
        return JSON.readTree(CookieSealer.iron(Harness.PASSWORD).unseal(sealed).orElseThrow());
    }

    @Test
    void case62_returnToIsSealedIntoTheState() throws Exception {
        AuthorizationRedirect in = authKit.flow().signInUrl(TestRequest.get(APP + "/"), SignInOptions.builder().returnTo("/dashboard").build());
        JsonNode state = state(in);
        assertThat(state.get("returnPathname").asText()).isEqualTo("/dashboard");
        assertThat(state.get("nonce").asText()).isNotBlank();
        assertThat(state.get("codeVerifier").asText()).hasSize(43);
        assertThat(query(in.url())).containsEntry("screen_hint", "sign-in");
        AuthorizationRedirect up = authKit.flow().signUpUrl(TestRequest.get(APP + "/"), SignInOptions.builder().returnTo("/dashboard").build());
        assertThat(state(up).get("returnPathname").asText()).isEqualTo("/dashboard");
        assertThat(query(up.url())).containsEntry("screen_hint", "sign-up");
        // the verifier cookie carries the same sealed state, ten minutes long
        SetCookie verifier = in.cookies().get(in.cookies().size() - 1);
        assertThat(verifier.value()).isEqualTo(query(in.url()).get("state"));
        assertThat(verifier.maxAge()).isEqualTo(600);
        assertThat(query(in.url()).get("state").split("\\*")[5]).as("the seal itself expires").isNotEmpty();
    }

    @Test
    void case63_organizationLoginHintAndPromptOnlyWhenAsked() {
        AuthorizationRedirect r = authKit.flow().signInUrl(TestRequest.get(APP + "/"), SignInOptions.builder()
                .organizationId("org_123").loginHint("a@example.com").build());
        assertThat(query(r.url())).containsEntry("organization_id", "org_123").containsEntry("login_hint", "a@example.com")
                .doesNotContainKey("prompt");
        AuthorizationRedirect consent = authKit.flow().signInUrl(TestRequest.get(APP + "/"), SignInOptions.builder().prompt("consent").build());
        assertThat(query(consent.url())).containsEntry("prompt", "consent");
    }

    @Test
    void case64_aRedirectUriOptionWins() {
        AuthorizationRedirect r = authKit.flow().signInUrl(TestRequest.get(APP + "/"),
                SignInOptions.builder().redirectUri("http://localhost:3000/auth/callback").build());
        assertThat(query(r.url())).containsEntry("redirect_uri", "http://localhost:3000/auth/callback");
    }

    @Test
    void customStateIsBounded() {
        assertThatThrownBy(() -> SignInOptions.builder().state("x".repeat(2049)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
        assertThat(SignInOptions.builder().state("é".repeat(1024)).build().state()).isPresent();
    }

    @Test
    void case66_signOutWithASessionGoesToTheLogoutUrl() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        Outcome o = authKit.flow().signOut(withSession(TestRequest.get(APP + "/signout"), s), Optional.of("/goodbye"));
        Outcome.Redirect r = (Outcome.Redirect) o;
        assertThat(r.location()).startsWith(fake.baseUrl() + "/user_management/sessions/logout?");
        assertThat(query(r.location())).containsEntry("session_id", s.sessionId()).containsEntry("return_to", APP + "/goodbye");
        assertThat(cookie(o, "wos-session")).hasValueSatisfying(c -> assertThat(c.isDeletion()).isTrue());
        // following it ends the session at WorkOS and comes back
        var back = Harness.get(r.location());
        assertThat(back.headers().firstValue("Location")).contains(APP + "/goodbye");
        assertThat(fake.isSessionActive(s.sessionId())).isFalse();
    }

    @Test
    void case66_signOutWithoutASessionGoesToReturnToOrHome() {
        assertThat(((Outcome.Redirect) authKit.flow().signOut(TestRequest.get(APP + "/signout"), Optional.of("/bye"))).location())
                .isEqualTo(APP + "/bye");
        assertThat(((Outcome.Redirect) authKit.flow().signOut(TestRequest.get(APP + "/signout"), Optional.empty())).location())
                .isEqualTo(APP + "/");
        assertThat(((Outcome.Redirect) authKit.flow().signOut(TestRequest.post(APP + "/signout"), Optional.empty())).status())
                .isEqualTo(303);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.com/", "//evil.com", "/\\evil.com", "javascript:alert(1)", "http://app.test@evil.com/",
        "https://marketing.example.evil.com/"})
    void signOutNeverReturnsToAForeignOrigin(String hostile) {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        Outcome.Redirect r = (Outcome.Redirect) authKit.flow().signOut(withSession(TestRequest.get(APP + "/signout"), s), Optional.of(hostile));
        assertThat(query(r.location())).doesNotContainKey("return_to");
        Outcome.Redirect anonymous = (Outcome.Redirect) authKit.flow().signOut(TestRequest.get(APP + "/signout"), Optional.of(hostile));
        assertThat(anonymous.location()).isEqualTo(APP + "/");
    }

    @Test
    void signOutMayReturnToAnAllowedOrigin() {
        Outcome.Redirect r = (Outcome.Redirect) authKit.flow().signOut(TestRequest.get(APP + "/signout"),
                Optional.of("https://marketing.example/thanks"));
        assertThat(r.location()).isEqualTo("https://marketing.example/thanks");
    }

    @Test
    void allowedReturnOriginsMustBeOrigins() {
        assertThatThrownBy(() -> h.authKit().allowedReturnOrigins("marketing.example"))
                .isInstanceOf(dev.authkit.core.AuthKitConfigException.class).hasMessageContaining("marketing.example");
        assertThatThrownBy(() -> h.authKit().allowedReturnOrigins("https://exa mple.com"))
                .isInstanceOf(dev.authkit.core.AuthKitConfigException.class);
    }

    @Test
    void case67_signOutClearsVerifierCookiesAndKeepsOthers() {
        Outcome o = authKit.flow().signOut(TestRequest.get(APP + "/signout").cookie("wos-auth-verifier", "a")
                .cookie("wos-auth-verifier-a1b2c3d4", "b").cookie("unrelated-cookie", "c").cookie("workos-access-token", "t"),
                Optional.empty());
        assertThat(o.cookies()).extracting(SetCookie::name)
                .containsExactlyInAnyOrder("wos-auth-verifier", "wos-auth-verifier-a1b2c3d4", "workos-access-token");
        assertThat(o.cookies()).allMatch(SetCookie::isDeletion);
    }

    @Test
    void case68_aGarbageCookieIsStillDeleted() {
        Outcome o = authKit.flow().signOut(TestRequest.get(APP + "/signout").cookie("wos-session", "garbage"), Optional.empty());
        assertThat(cookie(o, "wos-session")).hasValueSatisfying(c -> assertThat(c.isDeletion()).isTrue());
        assertThat(((Outcome.Redirect) o).location()).isEqualTo(APP + "/");
    }

    @Test
    void case68_anExpiredSessionStillSignsOutAtWorkOS() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.clock().advance(Duration.ofHours(3));
        Outcome.Redirect r = (Outcome.Redirect) authKit.flow().signOut(withSession(TestRequest.get(APP + "/signout"), s), Optional.empty());
        assertThat(query(r.location())).containsEntry("session_id", s.sessionId());
    }

    @Test
    void case40_refreshSessionIntoAnotherOrganization() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        RefreshOutcome o = refreshed(withSession(TestRequest.get(APP + "/"), s), Optional.of(DemoData.GLOBEX));
        RefreshOutcome.Refreshed r = (RefreshOutcome.Refreshed) o;
        assertThat(r.auth().organizationId()).contains(DemoData.GLOBEX);
        assertThat(r.auth().role()).contains("member");
        assertThat(Harness.unsealed(r.cookies().get(0)).refreshToken()).isNotEqualTo(s.refreshToken());
    }

    @Test
    void case41_refreshSessionWithoutACookieIsSignedOut() {
        assertThat(refreshed(TestRequest.get(APP + "/"), Optional.empty())).isInstanceOf(RefreshOutcome.SignedOut.class);
    }

    @Test
    void case42_aFailedRefreshSaysSoWithoutTokens() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.revokeSession(s.sessionId());
        RefreshOutcome.Failed f = (RefreshOutcome.Failed) refreshed(withSession(TestRequest.get(APP + "/"), s), Optional.empty());
        assertThat(f.isTransient()).isFalse();
        assertThat(f.reason()).startsWith("refresh failed").doesNotContain(s.refreshToken());
        assertThat(f.cookies()).allMatch(SetCookie::isDeletion);
    }

    @Test
    void case69_switchToOrganizationRedirectsToReturnTo() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        Outcome o = switched(withSession(TestRequest.post(APP + "/switch"), s), DemoData.GLOBEX, Optional.of("/account"));
        assertThat(((Outcome.Redirect) o).location()).isEqualTo(APP + "/account");
        assertThat(Harness.unsealed(cookie(o, "wos-session").orElseThrow())).isNotNull();
        Outcome home = switched(withSession(TestRequest.post(APP + "/switch"), fake.signIn(h.user(DemoData.ALICE))), DemoData.GLOBEX, Optional.of("https://evil.com/"));
        assertThat(((Outcome.Redirect) home).location()).isEqualTo(APP + "/");
    }

    @Test
    void case70_ssoRequiredSendsToASignInForThatOrganization() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        Outcome o = switched(withSession(TestRequest.post(APP + "/switch").html(), s), DemoData.INITECH, Optional.empty());
        Outcome.Redirect r = (Outcome.Redirect) o;
        assertThat(r.location()).startsWith(fake.baseUrl() + "/user_management/authorize");
        assertThat(query(r.location())).containsEntry("organization_id", DemoData.INITECH);
        assertThat(o.cookies()).anyMatch(c -> c.name().startsWith("wos-auth-verifier-"));
        // the refused switch did not use up the session
        assertThat(fake.signIn(h.user(DemoData.ALICE))).isNotNull();
        assertThat(refreshed(withSession(TestRequest.get(APP + "/"), s), Optional.empty()))
                .isInstanceOf(RefreshOutcome.Refreshed.class);
    }

    @Test
    void switchingWithoutASessionGoesToSignIn() {
        Outcome.Redirect r = (Outcome.Redirect) switched(TestRequest.post(APP + "/switch").html(), DemoData.ACME, Optional.empty());
        assertThat(r.location()).startsWith(fake.baseUrl() + "/user_management/authorize");
    }

    @Test
    void case43_claimsAreAllThere() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        Auth auth = ((Outcome.Continue) authKit.handle(withSession(TestRequest.get(APP + "/"), s))).auth();
        assertThat(auth.claims()).containsKeys("sub", "sid", "exp", "iat", "jti", "org_id", "roles", "permissions", "feature_flags");
        assertThat(auth.hasRole("admin")).isTrue();
        assertThat(auth.hasRole("owner")).isFalse();
        assertThat(auth.hasPermission("users:manage")).isTrue();
        assertThat(auth.hasEntitlement("audit-logs")).isTrue();
        assertThat(auth.hasFeatureFlag("beta-reports")).isTrue();
        assertThat(auth.toString()).doesNotContain(s.accessToken());
        assertThat(Auth.signedOut().claims()).isEmpty();
    }

    @Test
    void case44_case45_recentAuthentication() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        Instant signedInAt = fake.clock().instant();
        Auth auth = ((Outcome.Continue) authKit.handle(withSession(TestRequest.get(APP + "/"), s))).auth();
        assertThat(auth.authenticatedAt()).contains(signedInAt);
        assertThat(auth.isRecentlyAuthenticated(Duration.ofMinutes(5), signedInAt.plusSeconds(60))).isTrue();
        assertThat(auth.isRecentlyAuthenticated(Duration.ofMinutes(5), signedInAt.plusSeconds(300))).as("the boundary").isTrue();
        assertThat(auth.isRecentlyAuthenticated(Duration.ofMinutes(5), signedInAt.plusSeconds(600))).isFalse();
        assertThat(auth.isRecentlyAuthenticated(Duration.ofMinutes(5), signedInAt.minusSeconds(100))).as("future").isTrue();
        assertThat(Auth.signedOut().isRecentlyAuthenticated(Duration.ofDays(1), signedInAt)).isFalse();
        String noAuthTime = fake.accessToken(s.sessionId(), c -> c.unsetClaim("auth_time"));
        var session = new dev.authkit.core.Session(noAuthTime, s.refreshToken(), s.user(), Optional.empty(), Optional.empty());
        Auth without = ((Outcome.Continue) authKit.handle(withSession(TestRequest.get(APP + "/"), session))).auth();
        assertThat(without.isSignedIn()).isTrue();
        assertThat(without.authenticatedAt()).isEmpty();
        assertThat(without.isRecentlyAuthenticated(Duration.ofDays(1), signedInAt)).isFalse();
    }

    @Test
    void saveSessionAndClearSessionForCustomFlows() {
        IssuedSession s = fake.signIn(h.user(DemoData.BOB));
        SetCookie saved = authKit.sessions().saveSession(TestRequest.get("https://app.test/"), s.toSession());
        assertThat(saved.headerValue()).startsWith("wos-session=Fe26.2*1*").contains("HttpOnly", "Secure", "SameSite=Lax",
                "Path=/", "Max-Age=34560000");
        assertThat(Harness.unsealed(saved).user().id()).isEqualTo(DemoData.BOB);
        assertThat(authKit.sessions().readSession(TestRequest.get(APP + "/").cookie("wos-session", saved.value())))
                .hasValueSatisfying(x -> assertThat(x.user().id()).isEqualTo(DemoData.BOB));
        SetCookie cleared = authKit.sessions().clearSession(TestRequest.get(APP + "/"));
        assertThat(cleared.headerValue()).startsWith("wos-session=;").contains("Max-Age=0").doesNotContain("Secure");
        assertThat(fake.requests(Endpoint.AUTHENTICATE)).isEmpty();
    }

    /**
     * The explicit refresh and switch as an adapter makes them, with the {@link Auth} that
     * {@code handle} resolved for the request (the cookie-reading overloads were removed so that
     * no refresh token is used twice by a request).
     */
    private RefreshOutcome refreshed(TestRequest request, Optional<String> organizationId) {
        return authKit.refreshSession(request, resolved(request), organizationId);
    }

    private Outcome switched(TestRequest request, String organizationId, Optional<String> returnTo) {
        return authKit.switchToOrganization(request, resolved(request), organizationId, returnTo);
    }

    private Auth resolved(TestRequest request) {
        return authKit.handle(request) instanceof Outcome.Continue c ? c.auth() : Auth.signedOut();
    }
}
