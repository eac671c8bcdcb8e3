package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.cookie;
import static dev.authkit.core.behaviour.Harness.query;
import static dev.authkit.core.behaviour.Harness.unsealed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.CallbackFailure;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.CallbackSuccess;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.Session;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.OAuthTokens;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** authkit-nextjs's callback cases (reference section 5, cases 46 to 61) against {@code AuthFlow.handleCallback}. */
class CallbackTest extends BehaviourTest {

    AuthKit authKit;

    @BeforeEach
    void setUp() {
        this.authKit = h.authKit().build();
    }

    /** A started sign-in: the redirect to AuthKit and what WorkOS sent back for {@code user}. */
    record Flow(AuthorizationRedirect redirect, String callbackUrl, SetCookie verifier) {
        String state() {
            return query(callbackUrl).get("state");
        }

        TestRequest callback() {
            return TestRequest.get(callbackUrl).cookie(verifier.name(), verifier.value());
        }
    }

    Flow start(SignInOptions options, FakeUser user) {
        AuthorizationRedirect redirect = authKit.flow().signInUrl(TestRequest.get(APP + "/login").html(), options);
        SetCookie verifier = redirect.cookies().stream().filter(c -> c.name().startsWith("wos-auth-verifier-")).findFirst().orElseThrow();
        return new Flow(redirect, h.chooseUser(redirect.url(), user), verifier);
    }

    Flow start() {
        return start(SignInOptions.defaults(), h.user(DemoData.ALICE));
    }

    static void assertDefaultError(Outcome o, int status) {
        Outcome.Respond r = (Outcome.Respond) o;
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.body()).contains("\"message\":\"Something went wrong\"").contains("Couldn't sign in");
    }

    @Test
    void case46_aGoodCallbackExchangesTheCodeWithTheVerifierAndRedirects() {
        Flow f = start();
        assertThat(f.callbackUrl()).startsWith(Harness.REDIRECT + "?code=");
        Outcome o = authKit.flow().handleCallback(f.callback(), CallbackOptions.defaults());
        Outcome.Redirect r = (Outcome.Redirect) o;
        assertThat(r.status()).isEqualTo(307);
        assertThat(r.location()).isEqualTo(APP + "/");
        Session session = unsealed(cookie(o, "wos-session").orElseThrow());
        assertThat(session.user().id()).isEqualTo(DemoData.ALICE);
        assertThat(session.user().firstName()).contains("Alice");
        assertThat(r.headers()).contains(new Header("Vary", "Cookie"),
                new Header("Cache-Control", "private, no-cache, no-store, must-revalidate, max-age=0"));
        var exchange = fake.requests(Endpoint.AUTHENTICATE).get(0);
        assertThat(exchange.grantType()).contains("authorization_code");
        assertThat(exchange.bodyField("client_id")).contains(fake.clientId());
        assertThat(exchange.bodyField("code_verifier")).isPresent();
    }

    @Test
    void case47_missingCodeOrStateIsAClearErrorWithoutAnExchange() {
        Flow f = start();
        assertDefaultError(authKit.flow().handleCallback(TestRequest.get(Harness.REDIRECT + "?state=" + f.state())
                .cookie(f.verifier().name(), f.verifier().value()), CallbackOptions.defaults()), 400);
        assertDefaultError(authKit.flow().handleCallback(TestRequest.get(Harness.REDIRECT + "?code=abc"),
                CallbackOptions.defaults()), 400);
        assertThat(fake.requests(Endpoint.AUTHENTICATE)).isEmpty();
    }

    @Test
    void case47_aFailingExchangeIsAnError() {
        Flow f = start();
        fake.failNext(Endpoint.AUTHENTICATE, 1, dev.authkit.testkit.Failure.invalidGrant());
        assertDefaultError(authKit.flow().handleCallback(f.callback(), CallbackOptions.defaults()), 400);
        Flow g = start();
        fake.failNext(Endpoint.AUTHENTICATE, 1, dev.authkit.testkit.Failure.serverError());
        // WorkOS unavailable: 503, as every other "WorkOS unavailable" answer (was 502)
        assertDefaultError(authKit.flow().handleCallback(g.callback(), CallbackOptions.defaults()), 503);
    }

    @Test
    void case48_onErrorAnswersInstead() {
        AtomicReference<CallbackFailure> seen = new AtomicReference<>();
        Outcome custom = new Outcome.Respond(401, "text/plain", "nope", List.of(), List.of());
        Outcome o = authKit.flow().handleCallback(TestRequest.get(Harness.REDIRECT + "?code=code-value-abc&state=state-value-xyz"),
                CallbackOptions.builder().onError(failure -> {
                    seen.set(failure);
                    return Optional.of(custom);
                }).build());
        assertThat(((Outcome.Respond) o).status()).isEqualTo(401);
        assertThat(((Outcome.Respond) o).body()).isEqualTo("nope");
        assertThat(o.headers()).contains(new Header("Cache-Control", "private, no-cache, no-store, must-revalidate, max-age=0"));
        assertThat(seen.get().reason()).isEqualTo(CallbackFailure.Reason.MISSING_PKCE_COOKIE);
        assertThat(seen.get().message()).doesNotContain("state-value-xyz").doesNotContain("code-value-abc");
    }

    @Test
    void case49_theReturnPathnameOptionAndTheFlowsOwn() {
        Outcome o = authKit.flow().handleCallback(start().callback(), CallbackOptions.builder().returnPathname("/dashboard").build());
        assertThat(((Outcome.Redirect) o).location()).isEqualTo(APP + "/dashboard");
        Flow f = start(SignInOptions.builder().returnTo("/custom-path?foo=bar&baz=qux").build(), h.user(DemoData.ALICE));
        Outcome p = authKit.flow().handleCallback(f.callback(), CallbackOptions.builder().returnPathname("/dashboard").build());
        assertThat(((Outcome.Redirect) p).location()).isEqualTo(APP + "/custom-path?foo=bar&baz=qux");
    }

    @Test
    void case50_anAbsoluteReturnPathKeepsOnlyItsPath() {
        Flow f = start(SignInOptions.builder().returnTo("https://example.com/invite/k0123456789").build(), h.user(DemoData.ALICE));
        Outcome o = authKit.flow().handleCallback(f.callback(), CallbackOptions.defaults());
        assertThat(((Outcome.Redirect) o).location()).isEqualTo(APP + "/invite/k0123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>", "https://evil.com/phishing",
        "//evil.com/phishing", "/\\evil.com/phishing", "https:/evil.com", "http:evil.com", "\t//evil.com", "/..//evil.com",
        "HTTPS://EVIL.COM", "\\\\evil.com"})
    void case51_hostileReturnPathsStayOnTheAppsOrigin(String hostile) {
        Flow f = start(SignInOptions.builder().returnTo(hostile).build(), h.user(DemoData.ALICE));
        String location = ((Outcome.Redirect) authKit.flow().handleCallback(f.callback(), CallbackOptions.defaults())).location();
        assertThat(location).startsWith(APP + "/");
        assertThat(java.net.URI.create(location).getHost()).isEqualTo("app.test");
    }

    @Test
    void case52_baseUrl() {
        assertThatThrownBy(() -> CallbackOptions.builder().baseUrl("invalid-url")).isInstanceOf(AuthKitConfigException.class)
                .hasMessage("Invalid baseURL: invalid-url");
        Outcome o = authKit.flow().handleCallback(start().callback(), CallbackOptions.builder().baseUrl("https://base.com/ignored").build());
        assertThat(((Outcome.Redirect) o).location()).isEqualTo("https://base.com/");
    }

    @Test
    void case53_onSuccessGetsTheResponseAndTheCustomState() {
        fake.setOAuthTokens(h.user(DemoData.ALICE), new OAuthTokens("GoogleOAuth", "g_at", "g_rt", 1L, List.of("email")));
        AtomicReference<CallbackSuccess> seen = new AtomicReference<>();
        Flow f = start(SignInOptions.builder().state("{\"plan\":\"pro\"}").build(), h.user(DemoData.ALICE));
        Outcome o = authKit.flow().handleCallback(f.callback(), CallbackOptions.builder().onSuccess(s -> {
            seen.set(s);
            return Optional.empty();
        }).build());
        assertThat(seen.get().state()).contains("{\"plan\":\"pro\"}");
        assertThat(seen.get().organizationId()).contains(DemoData.ACME);
        assertThat(seen.get().session().user().email()).isEqualTo("alice@example.com");
        assertThat(seen.get().oauthTokens()).hasValueSatisfying(t -> assertThat(t.getAccessToken()).isEqualTo("g_at"));
        assertThat(unsealed(cookie(o, "wos-session").orElseThrow()).accessToken()).isEqualTo(seen.get().session().accessToken());
        AtomicReference<CallbackSuccess> none = new AtomicReference<>();
        authKit.flow().handleCallback(start().callback(), CallbackOptions.builder().onSuccess(s -> {
            none.set(s);
            return Optional.empty();
        }).build());
        assertThat(none.get().state()).isEmpty();
    }

    @Test
    void case54_onSuccessMayStoreAnotherSession() {
        Outcome o = authKit.flow().handleCallback(start().callback(), CallbackOptions.builder().onSuccess(s -> {
            Session replaced = new Session(s.session().accessToken(), s.session().refreshToken(), s.session().user(),
                    s.session().impersonator(), Optional.of("Custom"));
            return Optional.of(replaced);
        }).build());
        assertThat(unsealed(cookie(o, "wos-session").orElseThrow()).authenticationMethod()).contains("Custom");
    }

    @Test
    void case55_theAuthenticationMethodIsSealed() {
        fake.impersonateNextSignIn("admin@example.com", "support");
        Outcome o = authKit.flow().handleCallback(start().callback(), CallbackOptions.defaults());
        Session s = unsealed(cookie(o, "wos-session").orElseThrow());
        assertThat(s.authenticationMethod()).contains("Impersonation");
        assertThat(s.impersonator()).hasValueSatisfying(i -> assertThat(i.email()).isEqualTo("admin@example.com"));
    }

    @Test
    void case56_aStateThatDiffersFromTheCookieIsRefused() {
        Flow f = start();
        Flow other = start();
        Outcome o = authKit.flow().handleCallback(TestRequest.get(f.callbackUrl()).cookie(f.verifier().name(), other.verifier().value()),
                CallbackOptions.defaults());
        assertDefaultError(o, 400);
        assertThat(fake.requests(Endpoint.AUTHENTICATE)).isEmpty();
    }

    @Test
    void case57_aValidStateWithoutItsCookieIsRefused() {
        Flow f = start();
        assertDefaultError(authKit.flow().handleCallback(TestRequest.get(f.callbackUrl()), CallbackOptions.defaults()), 400);
        assertThat(fake.requests(Endpoint.AUTHENTICATE)).isEmpty();
    }

    @Test
    void case58_aCorruptOrOldFormatStateIsRefused() {
        String corrupt = "Fe26.2*1*corrupt";
        String name = "wos-auth-verifier-" + fnv1a32(corrupt);
        assertDefaultError(authKit.flow().handleCallback(TestRequest.get(Harness.REDIRECT + "?code=c&state=" + corrupt)
                .cookie(name, corrupt), CallbackOptions.defaults()), 400);
        String old = CookieSealer.iron(Harness.PASSWORD).seal("{\"returnPathname\":\"/x\"}", Duration.ofMinutes(10));
        String oldName = "wos-auth-verifier-" + fnv1a32(old);
        assertDefaultError(authKit.flow().handleCallback(TestRequest.get(Harness.REDIRECT + "?code=c&state=" + old)
                .cookie(oldName, old), CallbackOptions.defaults()), 400);
        assertThat(fake.requests(Endpoint.AUTHENTICATE)).isEmpty();
    }

    @Test
    void anExpiredStateIsRefused() {
        Flow f = start();
        fake.clock().advance(Duration.ofMinutes(12));
        assertDefaultError(authKit.flow().handleCallback(f.callback(), CallbackOptions.defaults()), 400);
    }

    @Test
    void case59_theVerifierCookieIsClearedOnSuccessAndFailure() {
        Flow f = start();
        Outcome ok = authKit.flow().handleCallback(f.callback(), CallbackOptions.defaults());
        assertThat(cookie(ok, f.verifier().name())).hasValueSatisfying(c -> assertThat(c.headerValue()).contains("Max-Age=0"));
        Flow g = start();
        fake.failNext(Endpoint.AUTHENTICATE, 1, dev.authkit.testkit.Failure.invalidGrant());
        Outcome failed = authKit.flow().handleCallback(g.callback(), CallbackOptions.defaults());
        assertThat(cookie(failed, g.verifier().name())).hasValueSatisfying(c -> assertThat(c.headerValue()).contains("Max-Age=0"));
    }

    @Test
    void case60_twoFlowsUseTheirOwnVerifiers() {
        Flow a = start();
        Flow b = start();
        TestRequest callbackA = a.callback().cookie(b.verifier().name(), b.verifier().value());
        Outcome o = authKit.flow().handleCallback(callbackA, CallbackOptions.defaults());
        assertThat(o).isInstanceOf(Outcome.Redirect.class);
        assertThat(cookie(o, a.verifier().name())).hasValueSatisfying(c -> assertThat(c.isDeletion()).isTrue());
        assertThat(cookie(o, b.verifier().name())).isEmpty();
    }

    @Test
    void case61_theLegacyVerifierCookieStillCompletesASignIn() {
        Flow f = start();
        Outcome o = authKit.flow().handleCallback(TestRequest.get(f.callbackUrl()).cookie("wos-auth-verifier", f.verifier().value()),
                CallbackOptions.defaults());
        assertThat(((Outcome.Redirect) o).status()).isEqualTo(307);
        assertThat(cookie(o, "wos-auth-verifier")).as("and is cleared").hasValueSatisfying(c -> assertThat(c.isDeletion()).isTrue());
    }

    @Test
    void aCodeCannotBeReplayed() {
        Flow f = start();
        assertThat(authKit.flow().handleCallback(f.callback(), CallbackOptions.defaults())).isInstanceOf(Outcome.Redirect.class);
        assertDefaultError(authKit.flow().handleCallback(f.callback(), CallbackOptions.defaults()), 400);
    }

    /** FNV-1a (32 bits) over UTF-8, as eight hex digits: the test's own, to catch the product's. */
    private static String fnv1a32(String s) {
        int hash = 0x811c9dc5;
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x01000193;
        }
        return String.format("%08x", hash);
    }
}
