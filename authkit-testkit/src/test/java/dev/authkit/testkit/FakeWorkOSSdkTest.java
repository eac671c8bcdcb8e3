package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.workos.WorkOS;
import com.workos.common.exceptions.BadRequestException;
import com.workos.common.exceptions.UnauthorizedException;
import com.workos.common.exceptions.WorkOSException;
import com.workos.common.http.RetryConfig;
import com.workos.models.AuthenticateResponse;
import com.workos.models.JwksResponseKeys;
import com.workos.usermanagement.AuthKitAuthUrlsKt;
import com.workos.usermanagement.AuthKitAuthorizationUrlOptions;
import com.workos.usermanagement.AuthKitLogoutUrlOptions;
import com.workos.usermanagement.PKCEAuthorizationUrlResult;
import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import dev.authkit.testkit.junit5.InjectFakeWorkOS;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official WorkOS SDK 7.2.0, unchanged, against FakeWorkOS over HTTP. */
class FakeWorkOSSdkTest {
    static final String REDIRECT = "http://localhost:9999/callback";

    @RegisterExtension
    static FakeWorkOSExtension extension = new FakeWorkOSExtension(FakeWorkOS.builder().redirectUri(REDIRECT).clock(FakeClock.startingNow()));

    @InjectFakeWorkOS
    FakeWorkOS fake;
    WorkOS workos;
    FakeUser alice;
    FakeOrganization acme;
    FakeOrganization globex;

    @BeforeEach
    void setUp() {
        workos = WorkOS.builder().apiKey(fake.apiKey()).clientId(fake.clientId()).apiBaseUrl(fake.baseUrl())
                .retryConfig(RetryConfig.DISABLED).build();
        alice = fake.addUser(FakeUser.builder("alice@example.com").name("Alice", "Doe").externalId("ext-1")
                .metadata(Map.of("plan", "pro")));
        acme = fake.addOrganization(fake.addOrganization("Acme").withEntitlements("audit-logs").withFeatureFlags("beta"));
        globex = fake.addOrganization("Globex");
        fake.addMembership(alice, acme, List.of("admin", "member"), List.of("posts:write"));
        fake.addMembership(alice, globex, "member");
    }

    PKCEAuthorizationUrlResult authorizationUrl(String organizationId) {
        return AuthKitAuthUrlsKt.getAuthorizationUrlWithPKCE(workos.getUserManagement(),
                new AuthKitAuthorizationUrlOptions(REDIRECT, fake.clientId(), "authkit", null, organizationId,
                        "opaque-state~with*chars", null, null, null, null, "sign-in", null, null, null, null));
    }

    AuthenticateResponse signIn() {
        PKCEAuthorizationUrlResult url = authorizationUrl(null);
        Map<String, String> back = Browser.signInAs(url.getUrl(), alice, fake.baseUrl());
        assertThat(back.get("state")).isEqualTo("opaque-state~with*chars");
        return workos.getUserManagement().authenticateWithCode(back.get("code"), url.getCodeVerifier());
    }

    static JwtClaims claims(String jwt) throws Exception {
        return new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build().processToClaims(jwt);
    }

    @Test
    void authenticateWithCodeReturnsTheFullResponse() throws Exception {
        AuthenticateResponse r = signIn();
        assertThat(r.getUser().getId()).isEqualTo(alice.id());
        assertThat(r.getUser().getEmail()).isEqualTo("alice@example.com");
        assertThat(r.getUser().getFirstName()).isEqualTo("Alice");
        assertThat(r.getUser().getExternalId()).isEqualTo("ext-1");
        assertThat(r.getUser().getMetadata()).containsEntry("plan", "pro");
        assertThat(r.getUser().getEmailVerified()).isTrue();
        assertThat(r.getOrganizationId()).isEqualTo(acme.id());
        assertThat(r.getRefreshToken()).startsWith("rt_");
        assertThat(r.getAuthenticationMethod().name()).isEqualTo("Password");
        JwtClaims c = claims(r.getAccessToken());
        assertThat(c.getSubject()).isEqualTo(alice.id());
        assertThat(c.getStringClaimValue("sid")).startsWith("session_");
        assertThat(c.getStringClaimValue("org_id")).isEqualTo(acme.id());
        assertThat(c.getStringClaimValue("role")).isEqualTo("admin");
        assertThat(c.getStringListClaimValue("roles")).containsExactly("admin", "member");
        assertThat(c.getStringListClaimValue("permissions")).containsExactly("posts:write");
        assertThat(c.getStringListClaimValue("entitlements")).containsExactly("audit-logs");
        assertThat(c.getStringListClaimValue("feature_flags")).containsExactly("beta");
        assertThat(c.getExpirationTime().getValue() - c.getIssuedAt().getValue()).isEqualTo(300);
        assertThat(c.getJwtId()).isNotBlank();
        assertThat(c.getClaimValue("auth_time")).isNotNull();
        assertThat(c.getIssuer()).isEqualTo(fake.baseUrl());
    }

    @Test
    void theOrganizationOfTheAuthorizationRequestIsTheSessionsOrganization() throws Exception {
        PKCEAuthorizationUrlResult url = authorizationUrl(globex.id());
        Map<String, String> back = Browser.signInAs(url.getUrl(), alice, fake.baseUrl());
        AuthenticateResponse r = workos.getUserManagement().authenticateWithCode(back.get("code"), url.getCodeVerifier());
        assertThat(r.getOrganizationId()).isEqualTo(globex.id());
        assertThat(claims(r.getAccessToken()).getStringClaimValue("role")).isEqualTo("member");
    }

    @Test
    void aCodeIsSingleUse() {
        PKCEAuthorizationUrlResult url = authorizationUrl(null);
        String code = Browser.signInAs(url.getUrl(), alice, fake.baseUrl()).get("code");
        workos.getUserManagement().authenticateWithCode(code, url.getCodeVerifier());
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithCode(code, url.getCodeVerifier()))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((WorkOSException) e).rawBody).contains("invalid_grant"));
    }

    @Test
    void aCodeChecksThePkceVerifierAndExpires() {
        PKCEAuthorizationUrlResult url = authorizationUrl(null);
        String code = Browser.signInAs(url.getUrl(), alice, fake.baseUrl()).get("code");
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithCode(code, "not-the-verifier"))
                .isInstanceOf(BadRequestException.class);
        // the failed attempt used the code up
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithCode(code, url.getCodeVerifier()))
                .isInstanceOf(BadRequestException.class);

        PKCEAuthorizationUrlResult url2 = authorizationUrl(null);
        String code2 = Browser.signInAs(url2.getUrl(), alice, fake.baseUrl()).get("code");
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithCode(code2))
                .as("a PKCE-bound code without a verifier").isInstanceOf(BadRequestException.class);

        PKCEAuthorizationUrlResult url3 = authorizationUrl(null);
        String code3 = Browser.signInAs(url3.getUrl(), alice, fake.baseUrl()).get("code");
        fake.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithCode(code3, url3.getCodeVerifier()))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void theClientSecretMustBeTheApiKey() {
        WorkOS wrongKey = WorkOS.builder().apiKey("sk_wrong").clientId(fake.clientId()).apiBaseUrl(fake.baseUrl())
                .retryConfig(RetryConfig.DISABLED).build();
        IssuedSession s = fake.signIn(alice);
        assertThatThrownBy(() -> wrongKey.getUserManagement().authenticateWithRefreshToken(s.refreshToken()))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void refreshRotatesAndAUsedRefreshTokenIsInvalidGrant() throws Exception {
        AuthenticateResponse first = signIn();
        fake.clock().advance(Duration.ofMinutes(6));
        AuthenticateResponse second = workos.getUserManagement().authenticateWithRefreshToken(first.getRefreshToken());
        assertThat(second.getRefreshToken()).isNotEqualTo(first.getRefreshToken());
        assertThat(second.getOrganizationId()).isEqualTo(acme.id());
        assertThat(claims(second.getAccessToken()).getStringClaimValue("sid"))
                .isEqualTo(claims(first.getAccessToken()).getStringClaimValue("sid"));
        assertThat(claims(second.getAccessToken()).getIssuedAt().getValue())
                .isEqualTo(claims(first.getAccessToken()).getIssuedAt().getValue() + 360);

        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithRefreshToken(first.getRefreshToken()))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> {
                    WorkOSException w = (WorkOSException) e;
                    assertThat(w.status).isEqualTo(400);
                    assertThat(w.code).as("WorkOS sends 'error', not 'code'").isNull();
                    assertThat(w.rawBody).contains("\"error\":\"invalid_grant\"");
                });
        assertThat(workos.getUserManagement().authenticateWithRefreshToken(second.getRefreshToken()).getUser().getId())
                .isEqualTo(alice.id());
    }

    @Test
    void refreshSwitchesToAnOrganizationTheUserBelongsTo() throws Exception {
        AuthenticateResponse first = signIn();
        AuthenticateResponse switched = workos.getUserManagement()
                .authenticateWithRefreshToken(first.getRefreshToken(), globex.id());
        assertThat(switched.getOrganizationId()).isEqualTo(globex.id());
        assertThat(claims(switched.getAccessToken()).getStringClaimValue("org_id")).isEqualTo(globex.id());
        // a later refresh without organization_id keeps the organization
        AuthenticateResponse kept = workos.getUserManagement().authenticateWithRefreshToken(switched.getRefreshToken());
        assertThat(kept.getOrganizationId()).isEqualTo(globex.id());

        FakeOrganization other = fake.addOrganization("Other");
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithRefreshToken(kept.getRefreshToken(), other.id()))
                .isInstanceOf(WorkOSException.class)
                .satisfies(e -> assertThat(((WorkOSException) e).status).isEqualTo(403));
        // a refused switch does not burn the refresh token
        assertThat(workos.getUserManagement().authenticateWithRefreshToken(kept.getRefreshToken()).getOrganizationId())
                .isEqualTo(globex.id());
    }

    @Test
    void organizationsRequiringSsoOrMfaAnswerInWorkOSShape() {
        FakeOrganization sso = fake.addOrganization(fake.addOrganization("SSO Co").requiring(FakeOrganization.Requirement.SSO));
        FakeOrganization mfa = fake.addOrganization(fake.addOrganization("MFA Co").requiring(FakeOrganization.Requirement.MFA_ENROLLMENT));
        fake.addMembership(alice, sso, "member");
        fake.addMembership(alice, mfa, "member");
        IssuedSession s = fake.signIn(alice);
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithRefreshToken(s.refreshToken(), sso.id()))
                .isInstanceOf(WorkOSException.class)
                .satisfies(e -> {
                    WorkOSException w = (WorkOSException) e;
                    assertThat(w.status).isEqualTo(403);
                    assertThat(w.rawBody).contains("\"error\":\"sso_required\"", "pending_authentication_token", "connection_ids");
                });
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithRefreshToken(s.refreshToken(), mfa.id()))
                .isInstanceOf(WorkOSException.class)
                .satisfies(e -> assertThat(((WorkOSException) e).code).isEqualTo("mfa_enrollment"));
    }

    @Test
    void logoutUrlRevokesTheSessionAndRedirects() throws Exception {
        AuthenticateResponse r = signIn();
        String sid = claims(r.getAccessToken()).getStringClaimValue("sid");
        String logout = AuthKitAuthUrlsKt.getLogoutUrl(workos.getUserManagement(),
                new AuthKitLogoutUrlOptions(sid, "http://localhost:9999/"));
        var response = Browser.get(logout);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Browser.location(response)).isEqualTo("http://localhost:9999/");
        assertThat(fake.isSessionActive(sid)).isFalse();
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithRefreshToken(r.getRefreshToken()))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void logoutToAForeignOriginGoesToTheSignedOutPage() throws Exception {
        IssuedSession s = fake.signIn(alice);
        var response = Browser.get(AuthKitAuthUrlsKt.getLogoutUrl(workos.getUserManagement(),
                new AuthKitLogoutUrlOptions(s.sessionId(), "https://evil.example/")));
        assertThat(Browser.location(response)).isEqualTo(fake.baseUrl() + "/signed-out");
        assertThat(Browser.get(Browser.location(response)).body()).contains("You are signed out");
    }

    @Test
    void revokeSessionThroughTheSdk() {
        IssuedSession s = fake.signIn(alice);
        workos.getUserManagement().revokeSession(s.sessionId());
        assertThat(fake.isSessionActive(s.sessionId())).isFalse();
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithRefreshToken(s.refreshToken()))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((WorkOSException) e).rawBody).contains("invalid_grant"));
    }

    @Test
    void getJwksParsesInTheSdk() {
        List<JwksResponseKeys> keys = workos.getUserManagement().getJwks(fake.clientId()).getKeys();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).getKid()).isEqualTo(fake.currentKeyId());
        assertThat(keys.get(0).getAlg()).isEqualTo("RS256");
        assertThat(keys.get(0).getKty()).isEqualTo("RSA");
        assertThat(keys.get(0).getX5TS256()).isNotBlank();
        assertThat(keys.get(0).getX5C()).isNotNull();
        assertThatThrownBy(() -> workos.getUserManagement().getJwks("client_other")).isInstanceOf(WorkOSException.class);
    }

    @Test
    void impersonationAndOAuthTokensAppearOnTheNextSignIn() {
        fake.impersonateNextSignIn("admin@example.com", "debugging a ticket");
        fake.setOAuthTokens(alice, new OAuthTokens("GoogleOAuth", "g_at", "g_rt", 1_735_689_600L, List.of("email")));
        AuthenticateResponse r = signIn();
        assertThat(r.getImpersonator().getEmail()).isEqualTo("admin@example.com");
        assertThat(r.getImpersonator().getReason()).isEqualTo("debugging a ticket");
        assertThat(r.getAuthenticationMethod().name()).isEqualTo("Impersonation");
        assertThat(r.getOauthTokens().getAccessToken()).isEqualTo("g_at");
        assertThat(r.getOauthTokens().getScopes()).containsExactly("email");
        // only the next one
        AuthenticateResponse again = signIn();
        assertThat(again.getImpersonator()).isNull();
        // the impersonator stays with the session through refresh
        assertThat(workos.getUserManagement().authenticateWithRefreshToken(r.getRefreshToken()).getImpersonator().getEmail())
                .isEqualTo("admin@example.com");
    }

    @Test
    void getOrganizationParsesInTheSdk() {
        var org = workos.getOrganizations().get(acme.id());
        assertThat(org.getId()).isEqualTo(acme.id());
        assertThat(org.getName()).isEqualTo("Acme");
    }

    @Test
    void theJournalRecordsWhatTheSdkSent() {
        IssuedSession s = fake.signIn(alice);
        workos.getUserManagement().authenticateWithRefreshToken(s.refreshToken(), globex.id());
        RecordedRequest r = fake.requests(Endpoint.AUTHENTICATE).get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.grantType()).contains("refresh_token");
        assertThat(r.bodyField("organization_id")).contains(globex.id());
        assertThat(r.bodyField("client_secret")).contains(fake.apiKey());
        assertThat(r.header("Authorization")).contains("Bearer " + fake.apiKey());
        assertThat(r.status()).isEqualTo(200);
        assertThat(fake.refreshCalls()).isEqualTo(1);
    }
}
