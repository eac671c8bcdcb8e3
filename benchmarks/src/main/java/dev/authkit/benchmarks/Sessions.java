package dev.authkit.benchmarks;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Outcome;
import dev.authkit.core.Session;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.NumericDate;

/** FakeWorkOS sessions, AuthKits and requests for the benchmarks. */
final class Sessions {
    static final String PASSWORD = SealBenchmark.PASSWORD;
    static final String URL = "http://localhost:8080/account/settings?tab=profile";

    private Sessions() {
    }

    static FakeWorkOS fake() {
        return FakeWorkOS.builder().withDemoData().accessTokenLifetime(Duration.ofHours(2)).start();
    }

    static AuthKitConfig config(FakeWorkOS fake) {
        return AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                .redirectUri("http://localhost:8080/callback").apiBaseUrl(fake.baseUrl()).build();
    }

    /** An AuthKit as an application would build it: route protection on, five public globs. */
    static AuthKit authKit(FakeWorkOS fake) {
        return builder(fake).build();
    }

    static AuthKit.Builder builder(FakeWorkOS fake) {
        return AuthKit.builder(config(fake)).clock(fake.clock()).middlewareAuth(true)
                .unauthenticatedPaths("/", "/about", "/pricing", "/docs/:path*", "/blog/:slug");
    }

    /** A new session of Alice's: a new access token (a new RSA signature) and its sealed cookie. */
    static String newCookie(FakeWorkOS fake) {
        return fake.signIn(fake.user(DemoData.ALICE).orElseThrow()).cookieValue(PASSWORD);
    }

    /** A new session whose access token expired a minute ago, so the next request refreshes it. */
    static String staleCookie(FakeWorkOS fake) {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        long past = fake.clock().instant().getEpochSecond() - 60;
        String expired = fake.accessToken(s.sessionId(), claims -> claims.setExpirationTime(NumericDate.fromSeconds(past)));
        Session session = new Session(expired, s.refreshToken(), s.user(), s.impersonator(), java.util.Optional.of(s.authenticationMethod()));
        return CookieSealer.iron(PASSWORD).sealSession(session);
    }

    /** A browser's page request with the session cookie among others. */
    static Fixtures.Request request(String cookie) {
        return new Fixtures.Request("GET", URL, Map.of("Cookie", List.of("theme=dark; wos-session=" + cookie + "; _ga=GA1.1.1"),
                "Accept", List.of("text/html")));
    }

    /** Fails the benchmark's setup unless {@code outcome} lets a signed-in request through, with or without new cookies. */
    static void requireSignedIn(Outcome outcome, boolean refreshed) {
        if (!(outcome instanceof Outcome.Continue c) || !c.auth().isSignedIn() || c.cookies().isEmpty() != !refreshed) {
            throw new IllegalStateException("the benchmark request is not a " + (refreshed ? "refreshed" : "plain")
                    + " signed-in request: " + outcome);
        }
    }
}
