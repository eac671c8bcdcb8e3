package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.cookie;
import static dev.authkit.core.behaviour.Harness.query;
import static dev.authkit.core.behaviour.Harness.unsealed;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.RefreshFailure;
import dev.authkit.core.RefreshSuccess;
import dev.authkit.core.Session;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** authkit-nextjs's proxy cases (reference section 5, cases 1 to 33) against the core's {@link AuthKit#handle}. */
class MiddlewareTest extends BehaviourTest {


    IssuedSession alice() {
        return fake.signIn(h.user(DemoData.ALICE));
    }

    /** A session whose access token has {@code secondsLeft} of a {@code lifetime}. */
    Session sessionWithToken(IssuedSession s, long lifetimeSeconds, long secondsLeft) {
        long now = fake.clock().instant().getEpochSecond();
        String token = fake.accessToken(s.sessionId(), c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now - (lifetimeSeconds - secondsLeft)));
            c.setExpirationTime(NumericDate.fromSeconds(now + secondsLeft));
        });
        Session base = s.toSession();
        return new Session(token, base.refreshToken(), base.user(), base.impersonator(), base.authenticationMethod());
    }

    @Test
    void case03_noCookieAndAuthDisabledContinuesSignedOut() {
        Outcome o = h.authKit().build().handle(TestRequest.get(APP + "/"));
        assertThat(o).isInstanceOf(Outcome.Continue.class);
        assertThat(((Outcome.Continue) o).auth().isSignedIn()).isFalse();
        assertThat(o.cookies()).isEmpty();
        assertThat(o.headers()).as("no session, nothing to keep out of caches").isEmpty();
    }

    @Test
    void case04_validSessionContinuesSignedIn() {
        IssuedSession s = alice();
        Outcome o = h.authKit().build().handle(withSession(TestRequest.get(APP + "/"), s));
        Outcome.Continue c = (Outcome.Continue) o;
        assertThat(c.auth().isSignedIn()).isTrue();
        assertThat(c.auth().user().orElseThrow().id()).isEqualTo(DemoData.ALICE);
        assertThat(c.auth().sessionId()).contains(s.sessionId());
        assertThat(c.auth().organizationId()).contains(DemoData.ACME);
        assertThat(c.auth().role()).contains("admin");
        assertThat(c.auth().permissions()).contains("posts:write");
        assertThat(c.auth().entitlements()).containsExactly("audit-logs");
        assertThat(c.auth().featureFlags()).contains("new-dashboard");
        assertThat(c.cookies()).isEmpty();
        assertThat(c.headers()).contains(new Header("Vary", "Cookie"),
                new Header("Cache-Control", "private, no-cache, no-store, must-revalidate, max-age=0"));
        assertThat(fake.refreshCalls()).isZero();
    }

    @Test
    void case05_invalidTokenAndSuccessfulRefreshContinuesWithANewCookie() {
        IssuedSession s = alice();
        fake.clock().advance(Duration.ofMinutes(6));
        Outcome.Continue c = (Outcome.Continue) h.authKit().build().handle(withSession(TestRequest.get(APP + "/"), s));
        assertThat(c.auth().isSignedIn()).isTrue();
        SetCookie session = cookie(c, "wos-session").orElseThrow();
        assertThat(session.isDeletion()).isFalse();
        Session stored = unsealed(session);
        assertThat(stored.accessToken()).isNotEqualTo(s.accessToken());
        assertThat(stored.refreshToken()).isNotEqualTo(s.refreshToken());
        assertThat(stored.user().id()).isEqualTo(DemoData.ALICE);
        assertThat(stored.authenticationMethod()).contains("Password");
        assertThat(c.auth().organizationId()).as("refresh keeps the organization").contains(DemoData.ACME);
        assertThat(fake.refreshCalls()).isEqualTo(1);
    }

    @Test
    void case06_case08_terminalRefreshFailureClearsTheCookie() {
        IssuedSession s = alice();
        fake.clock().advance(Duration.ofMinutes(6));
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.status(400, "{\"error\":\"invalid_grant\",\"error_description\":\"x\"}"));
        Outcome.Continue c = (Outcome.Continue) h.authKit().build().handle(withSession(TestRequest.get(APP + "/"), s));
        assertThat(c.auth().isSignedIn()).isFalse();
        assertThat(Harness.setCookieHeaders(c)).anySatisfy(v -> assertThat(v).startsWith("wos-session=;").contains("Max-Age=0"));
    }

    @Test
    void case07_transientRefreshFailuresKeepTheCookie() {
        for (Failure f : List.of(Failure.status(429, "{}"), Failure.status(503, "{}"), Failure.status(408, "{}"),
                Failure.status(500, "{}"), Failure.dropConnection())) {
            fake.reset();
            IssuedSession s = alice();
            fake.clock().advance(Duration.ofMinutes(6));
            // twice: OkHttp, under the WorkOS SDK, retries a 408 once by itself
            fake.failNext(Endpoint.AUTHENTICATE, 2, f);
            Outcome.Continue c = (Outcome.Continue) h.authKit().build().handle(withSession(TestRequest.get(APP + "/"), s));
            assertThat(c.auth().isSignedIn()).as("%s", f).isFalse();
            assertThat(c.cookies()).as("%s keeps the session cookie", f).isEmpty();
        }
    }

    @Test
    void case09_protectedPathWithoutSessionRedirectsToAuthKit() {
        Outcome o = h.authKit().middlewareAuth(true).build().handle(TestRequest.get(APP + "/protected?x=1").html());
        Outcome.Redirect r = (Outcome.Redirect) o;
        assertThat(r.status()).isEqualTo(307);
        assertThat(r.location()).startsWith(fake.baseUrl() + "/user_management/authorize?");
        assertThat(query(r.location())).containsEntry("client_id", fake.clientId())
                .containsEntry("redirect_uri", Harness.REDIRECT).containsEntry("provider", "authkit")
                .containsEntry("screen_hint", "sign-in").containsEntry("code_challenge_method", "S256")
                .containsKey("code_challenge").containsKey("state");
    }

    @Test
    void postsAreRedirectedWith303() {
        Outcome.Redirect r = (Outcome.Redirect) h.authKit().middlewareAuth(true).build().handle(TestRequest.post(APP + "/form").html());
        assertThat(r.status()).isEqualTo(303);
        Outcome.Redirect head = (Outcome.Redirect) h.authKit().middlewareAuth(true).build()
                .handle(TestRequest.get(APP + "/x").method("HEAD").html());
        assertThat(head.status()).isEqualTo(307);
    }

    @Test
    void case10_theRedirectUriItselfIsNeverProtected() {
        // with the built-in routes off, the application's own callback handler is reached
        Outcome o = h.authKit().middlewareAuth(true).routes(dev.authkit.core.Routes.none()).build()
                .handle(TestRequest.get(APP + "/callback?code=x&state=y"));
        assertThat(o).isInstanceOf(Outcome.Continue.class);
        // with them on, the core answers the callback itself (here: a refused one), never a sign-in loop
        Outcome answered = h.authKit().middlewareAuth(true).build().handle(TestRequest.get(APP + "/callback?code=x&state=y"));
        assertThat(answered).isInstanceOf(Outcome.Respond.class);
        assertThat(((Outcome.Respond) answered).status()).isEqualTo(400);
    }

    @Test
    void case11_case12_signUpPathsOpenTheSignUpScreenAndSetNoHeader() {
        Outcome o = h.authKit().middlewareAuth(true).signUpPaths("/protected-signup").build()
                .handle(TestRequest.get(APP + "/protected-signup").html());
        assertThat(query(((Outcome.Redirect) o).location())).containsEntry("screen_hint", "sign-up");
        assertThat(o.headers()).noneMatch(hd -> hd.name().equalsIgnoreCase("x-sign-up-paths"));
    }

    @Test
    void case13_unauthenticatedPathsAreServedWithoutSession() {
        AuthKit authKit = h.authKit().middlewareAuth(true).unauthenticatedPaths("/unauthenticated", "/public/:path*").build();
        assertThat(authKit.handle(TestRequest.get(APP + "/unauthenticated"))).isInstanceOf(Outcome.Continue.class);
        assertThat(authKit.handle(TestRequest.get(APP + "/public/a/b"))).isInstanceOf(Outcome.Continue.class);
        assertThat(authKit.handle(TestRequest.get(APP + "/unauthenticated/x").html())).isInstanceOf(Outcome.Redirect.class);
    }

    @Test
    void case14_aBadPatternFailsWhenTheOptionsAreBuilt() {
        assertThatThrownBy(() -> h.authKit().unauthenticatedPaths("[*").build())
                .isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("unauthenticatedPaths").hasMessageContaining("'[*'");
        assertThatThrownBy(() -> h.authKit().signUpPaths("/((?!x).*)").build())
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("signUpPaths");
    }

    @Test
    void case15_aRedirectUriOverrideIsUsedAndMustBeAbsolute() {
        Outcome.Redirect r = (Outcome.Redirect) h.authKit().middlewareAuth(true)
                .redirectUri("http://localhost:9000/auth/callback").build().handle(TestRequest.get(APP + "/protected").html());
        assertThat(query(r.location())).containsEntry("redirect_uri", "http://localhost:9000/auth/callback");
        assertThatThrownBy(() -> h.authKit().redirectUri("").build()).isInstanceOf(AuthKitConfigException.class);
        assertThatThrownBy(() -> h.authKit().redirectUri("/relative").build()).isInstanceOf(AuthKitConfigException.class);
    }

    @Test
    void case16_authEnabledAndRefreshFailureRedirectsAndClearsTheCookie() {
        IssuedSession s = alice();
        fake.revokeSession(s.sessionId());
        fake.clock().advance(Duration.ofMinutes(6));
        Outcome o = h.authKit().middlewareAuth(true).build().handle(withSession(TestRequest.get(APP + "/protected").html(), s));
        assertThat(o).isInstanceOf(Outcome.Redirect.class);
        assertThat(((Outcome.Redirect) o).status()).isEqualTo(307);
        assertThat(cookie(o, "wos-session")).hasValueSatisfying(c -> assertThat(c.isDeletion()).isTrue());
    }

    @Test
    void case17_documentRequestsGetTheVerifierCookieOthersDoNot() {
        AuthKit authKit = h.authKit().middlewareAuth(true).build();
        Outcome.Redirect html = (Outcome.Redirect) authKit.handle(TestRequest.get(APP + "/protected").html());
        String state = query(html.location()).get("state");
        SetCookie verifier = html.cookies().stream().filter(c -> c.name().startsWith("wos-auth-verifier-")).findFirst().orElseThrow();
        assertThat(verifier.value()).isEqualTo(state);
        assertThat(verifier.name()).matches("wos-auth-verifier-[0-9a-f]{8}");
        assertThat(verifier.headerValue()).contains("HttpOnly", "Path=/", "Max-Age=600", "SameSite=Lax");

        // not a page load: no redirect a script cannot follow, and no cookie (issue 10, bug 7)
        Outcome.Respond api = (Outcome.Respond) authKit.handle(TestRequest.get(APP + "/protected").header("Accept", "application/json"));
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.cookies()).isEmpty();
        Outcome.Respond bare = (Outcome.Respond) authKit.handle(TestRequest.get(APP + "/protected"));
        assertThat(bare.status()).isEqualTo(401);
        assertThat(bare.cookies()).isEmpty();
    }

    static TestRequest withVerifiers(TestRequest r, int n) {
        for (int i = 0; i < n; i++) {
            r = r.cookie("wos-auth-verifier-0000000" + i, "v" + i);
        }
        return r;
    }

    @Test
    void case18_twoPendingSignInsAreKept() {
        Outcome o = h.authKit().middlewareAuth(true).build().handle(withVerifiers(TestRequest.get(APP + "/p").html(), 2));
        assertThat(o.cookies()).noneMatch(SetCookie::isDeletion);
        assertThat(o.cookies()).filteredOn(c -> c.name().startsWith("wos-auth-verifier-")).hasSize(1);
    }

    @Test
    void case19_case21_fivePendingSignInsAreAllClearedOtherCookiesUntouched() {
        Outcome o = h.authKit().middlewareAuth(true).build()
                .handle(withVerifiers(TestRequest.get(APP + "/p").html(), 5).cookie("some-other-cookie", "1"));
        assertThat(o.cookies()).filteredOn(SetCookie::isDeletion).extracting(SetCookie::name)
                .containsExactlyInAnyOrder("wos-auth-verifier-00000000", "wos-auth-verifier-00000001",
                        "wos-auth-verifier-00000002", "wos-auth-verifier-00000003", "wos-auth-verifier-00000004");
        assertThat(o.cookies()).filteredOn(c -> !c.isDeletion()).hasSize(1);
        assertThat(o.cookies()).noneMatch(c -> c.name().equals("some-other-cookie"));
    }

    @Test
    void case20_clientNavigationRequestsSetNoVerifierCookie() {
        Outcome o = h.authKit().middlewareAuth(true).build()
                .handle(withVerifiers(TestRequest.get(APP + "/p").html().header("RSC", "1"), 10));
        assertThat(o.cookies()).noneMatch(c -> c.name().startsWith("wos-auth-verifier"));
    }

    @Test
    void case22_theLegacyVerifierCountsTowardsTheLimit() {
        AuthKit authKit = h.authKit().middlewareAuth(true).build();
        Outcome alone = authKit.handle(TestRequest.get(APP + "/p").html().cookie("wos-auth-verifier", "legacy"));
        assertThat(alone.cookies()).noneMatch(SetCookie::isDeletion);
        Outcome many = authKit.handle(withVerifiers(TestRequest.get(APP + "/p").html().cookie("wos-auth-verifier", "legacy"), 5));
        assertThat(many.cookies()).filteredOn(SetCookie::isDeletion).extracting(SetCookie::name).contains("wos-auth-verifier").hasSize(6);
    }

    @Test
    void case23_case24_refreshCallbacksGetTheDocumentedData() {
        List<RefreshSuccess> ok = new CopyOnWriteArrayList<>();
        List<RefreshFailure> failed = new CopyOnWriteArrayList<>();
        AuthKit authKit = h.authKit().onSessionRefreshSuccess(ok::add).onSessionRefreshError(failed::add).build();
        IssuedSession s = alice();
        fake.clock().advance(Duration.ofMinutes(6));
        authKit.handle(withSession(TestRequest.get(APP + "/"), s));
        assertThat(ok).hasSize(1);
        assertThat(ok.get(0).user().id()).isEqualTo(DemoData.ALICE);
        assertThat(ok.get(0).organizationId()).contains(DemoData.ACME);
        assertThat(ok.get(0).impersonator()).isEmpty();
        assertThat(ok.get(0).auth().accessToken()).isPresent().get().isNotEqualTo(s.accessToken());

        IssuedSession s2 = alice();
        fake.revokeSession(s2.sessionId());
        fake.clock().advance(Duration.ofMinutes(6));
        TestRequest req = withSession(TestRequest.get(APP + "/"), s2);
        authKit.handle(req);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).isTransient()).isFalse();
        assertThat(failed.get(0).request()).isSameAs(req);
        assertThat(failed.get(0).reason()).contains("400").contains("invalid_grant").doesNotContain(s2.refreshToken());
    }

    @Test
    void case25_thirtySecondsLeftOfAnHourRefreshes() {
        Session token = sessionWithToken(alice(), 3600, 30);
        Outcome.Continue c = (Outcome.Continue) h.authKit().build().handle(withSession(TestRequest.get(APP + "/"), token));
        assertThat(c.auth().accessToken()).isPresent().get().isNotEqualTo(token.accessToken());
        assertThat(cookie(c, "wos-session")).isPresent();
    }

    @Test
    void case26_theAdaptiveBuffer() {
        AuthKit authKit = h.authKit().build();
        Session hour300Left = sessionWithToken(alice(), 3600, 300);
        assertThat(authKit.handle(withSession(TestRequest.get(APP + "/"), hour300Left)).cookies()).isEmpty();
        Session short45Left = sessionWithToken(alice(), 300, 45);
        assertThat(authKit.handle(withSession(TestRequest.get(APP + "/"), short45Left)).cookies()).isEmpty();
        Session short20Left = sessionWithToken(alice(), 300, 20);
        assertThat(authKit.handle(withSession(TestRequest.get(APP + "/"), short20Left)).cookies()).hasSize(1);
        assertThat(fake.refreshCalls()).isEqualTo(1);
    }

    @Test
    void case27_aConfiguredBuffer() {
        Session left90 = sessionWithToken(alice(), 3600, 90);
        assertThat(h.authKit().refreshBuffer(Duration.ofSeconds(120)).build()
                .handle(withSession(TestRequest.get(APP + "/"), left90)).cookies()).hasSize(1);
        Session left5 = sessionWithToken(alice(), 3600, 5);
        assertThat(h.authKit().refreshBuffer(Duration.ZERO).build()
                .handle(withSession(TestRequest.get(APP + "/"), left5)).cookies()).isEmpty();
    }

    @Test
    void case28_aFailedEarlyRefreshServesTheStillValidToken() {
        List<RefreshFailure> failed = new CopyOnWriteArrayList<>();
        Session early = sessionWithToken(alice(), 300, 20);
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.invalidGrant());
        Outcome o = h.authKit().middlewareAuth(true).onSessionRefreshError(failed::add).build()
                .handle(withSession(TestRequest.get(APP + "/protected"), early));
        Outcome.Continue c = (Outcome.Continue) o;
        assertThat(c.auth().accessToken()).contains(early.accessToken());
        assertThat(c.cookies()).isEmpty();
        assertThat(failed).isEmpty();
    }

    @Test
    void case29_aFailedRefreshAfterExpirySignsOut() {
        List<RefreshFailure> failed = new CopyOnWriteArrayList<>();
        IssuedSession s = alice();
        fake.clock().advance(Duration.ofMinutes(5));
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.invalidGrant());
        Outcome o = h.authKit().middlewareAuth(true).onSessionRefreshError(failed::add).build()
                .handle(withSession(TestRequest.get(APP + "/protected").html(), s));
        assertThat(o).isInstanceOf(Outcome.Redirect.class);
        assertThat(cookie(o, "wos-session")).hasValueSatisfying(c -> assertThat(c.isDeletion()).isTrue());
        assertThat(failed).hasSize(1);
    }

    @Test
    void case30_eagerAuthSetsTheTokenCookieOnDocumentRequests() {
        IssuedSession s = alice();
        Outcome o = h.authKit().eagerAuth(true).build().handle(withSession(TestRequest.get(APP + "/").html(), s));
        SetCookie eager = cookie(o, "workos-access-token").orElseThrow();
        assertThat(eager.value()).isEqualTo(s.accessToken());
        assertThat(eager.headerValue()).contains("Max-Age=30", "SameSite=Lax").doesNotContain("HttpOnly");
    }

    @Test
    void case31_eagerAuthSkipsNonDocumentRequests() {
        AuthKit authKit = h.authKit().eagerAuth(true).build();
        IssuedSession s = alice();
        for (TestRequest r : List.of(TestRequest.get(APP + "/").header("Accept", "application/json"),
                TestRequest.get(APP + "/").html().header("RSC", "1"),
                TestRequest.get(APP + "/").html().header("Purpose", "prefetch"),
                TestRequest.get(APP + "/").html().header("Sec-Purpose", "prefetch;prerender"),
                TestRequest.get(APP + "/"))) {
            assertThat(cookie(authKit.handle(withSession(r, s)), "workos-access-token")).isEmpty();
        }
    }

    @Test
    void case32_eagerAuthSkipsAnIdenticalCookie() {
        IssuedSession s = alice();
        Outcome o = h.authKit().eagerAuth(true).build()
                .handle(withSession(TestRequest.get(APP + "/").html(), s).cookie("workos-access-token", s.accessToken()));
        assertThat(cookie(o, "workos-access-token")).isEmpty();
    }

    @Test
    void case33_eagerAuthAfterRefreshAndAfterFailure() {
        AuthKit authKit = h.authKit().eagerAuth(true).build();
        IssuedSession s = alice();
        fake.clock().advance(Duration.ofMinutes(6));
        Outcome refreshed = authKit.handle(withSession(TestRequest.get(APP + "/").html(), s).cookie("workos-access-token", s.accessToken()));
        assertThat(cookie(refreshed, "workos-access-token").orElseThrow().value())
                .isEqualTo(unsealed(cookie(refreshed, "wos-session").orElseThrow()).accessToken());

        IssuedSession s2 = alice();
        fake.revokeSession(s2.sessionId());
        fake.clock().advance(Duration.ofMinutes(6));
        Outcome failed = authKit.handle(withSession(TestRequest.get(APP + "/").html(), s2).cookie("workos-access-token", s2.accessToken()));
        assertThat(cookie(failed, "workos-access-token")).hasValueSatisfying(c -> assertThat(c.headerValue()).contains("Max-Age=0"));
    }

    @Test
    void case35_aTokenForAnotherUserSignsOut() {
        IssuedSession alice = alice();
        IssuedSession bob = fake.signIn(h.user(DemoData.BOB));
        Session forged = new Session(bob.accessToken(), alice.refreshToken(), alice.user(), java.util.Optional.empty(),
                java.util.Optional.empty());
        Outcome.Continue c = (Outcome.Continue) h.authKit().build().handle(withSession(TestRequest.get(APP + "/"), forged));
        assertThat(c.auth().isSignedIn()).isFalse();
        assertThat(fake.refreshCalls()).isZero();
    }

    @Test
    void corruptForeignOrTruncatedCookiesAreSignedOutNeverAnError() {
        AuthKit authKit = h.authKit().middlewareAuth(true).unauthenticatedPaths("/").build();
        IssuedSession s = alice();
        String good = s.cookieValue(Harness.PASSWORD);
        for (String bad : List.of("garbage", good.substring(0, good.length() / 2), good.replace("Fe26.2", "Fe26.1"),
                s.cookieValue("another-password-that-is-32-chars-long!!"), "%", "x".repeat(100_000), "")) {
            Outcome o = authKit.handle(TestRequest.get(APP + "/").cookie("wos-session", bad));
            assertThat(o).as(bad.length() > 40 ? bad.substring(0, 40) : bad).isInstanceOf(Outcome.Continue.class);
            assertThat(((Outcome.Continue) o).auth().isSignedIn()).isFalse();
        }
    }

    @Test
    void jwksOutageKeepsUsingCachedKeys() {
        AuthKit authKit = h.authKit().build();
        IssuedSession s = alice();
        assertThat(((Outcome.Continue) authKit.handle(withSession(TestRequest.get(APP + "/"), s))).auth().isSignedIn()).isTrue();
        fake.failNext(Endpoint.JWKS, 10, Failure.serverError());
        IssuedSession s2 = alice();
        assertThat(((Outcome.Continue) authKit.handle(withSession(TestRequest.get(APP + "/"), s2))).auth().isSignedIn()).isTrue();
        assertThat(fake.requests(Endpoint.JWKS)).hasSize(1);
    }

    @Test
    void aRotatedKeyIsFetchedAndVerifies() throws Exception {
        AuthKit authKit = h.authKit().build();
        assertThat(((Outcome.Continue) authKit.handle(withSession(TestRequest.get(APP + "/"), alice()))).auth().isSignedIn()).isTrue();
        fake.rotateKeys(false);
        // a fresh verifier would fetch at once; this one waits out the 30 s refetch interval for unknown kids
        IssuedSession afterRotation = alice();
        Outcome o = h.authKit().build().handle(withSession(TestRequest.get(APP + "/"), afterRotation));
        assertThat(((Outcome.Continue) o).auth().isSignedIn()).isTrue();
    }

    @Test
    void reservedHeadersAreTheXWorkosOnes() {
        assertThat(AuthKit.isReservedRequestHeader("x-workos-session")).isTrue();
        assertThat(AuthKit.isReservedRequestHeader("X-WorkOS-Admin-Bypass")).isTrue();
        assertThat(AuthKit.isReservedRequestHeader("x-url")).isFalse();
        assertThat(AuthKit.isReservedRequestHeader("Authorization")).isFalse();
    }

    @Test
    void authorizationHeadersAddToVary() {
        Outcome o = h.authKit().build().handle(TestRequest.get(APP + "/").header("Authorization", "Bearer x"));
        assertThat(o.headers()).contains(new Header("Vary", "Cookie, Authorization"));
    }
}
