package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Authorization: Bearer <access token>} for APIs (and reference case 76: what is not a bearer token). */
class BearerTokenTest extends BehaviourTest {

    AuthKit authKit;

    @BeforeEach
    void setUp() {
        this.authKit = h.authKit().middlewareAuth(true).acceptBearerTokens(true).build();
    }

    static Outcome.Respond rejected(Outcome o) {
        Outcome.Respond r = (Outcome.Respond) o;
        assertThat(r.status()).isEqualTo(401);
        return r;
    }

    static String wwwAuthenticate(Outcome o) {
        return o.headers().stream().filter(h -> h.name().equals("WWW-Authenticate")).map(Header::value).findFirst().orElseThrow();
    }

    @Test
    void aValidTokenSignsTheRequestInWithoutACookie() {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        Outcome o = authKit.handle(TestRequest.get(APP + "/api/posts").header("Authorization", "Bearer " + s.accessToken()));
        Auth auth = ((Outcome.Continue) o).auth();
        assertThat(auth.isSignedIn()).isTrue();
        assertThat(auth.isBearer()).isTrue();
        assertThat(auth.userId()).contains(DemoData.ALICE);
        assertThat(auth.user()).isEmpty();
        assertThat(auth.hasPermission("posts:write")).isTrue();
        assertThat(o.cookies()).isEmpty();
        assertThat(o.headers()).contains(new Header("Vary", "Authorization"));
        assertThat(authKit.handle(TestRequest.get(APP + "/api/posts").header("Authorization", "bearer " + s.accessToken())))
                .as("the scheme is case-insensitive").isInstanceOf(Outcome.Continue.class);
    }

    @Test
    void anExpiredTokenIs401NeverARedirect() {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        fake.clock().advance(Duration.ofMinutes(6));
        Outcome o = authKit.handle(TestRequest.get(APP + "/api/posts").html().header("Authorization", "Bearer " + s.accessToken()));
        rejected(o);
        assertThat(wwwAuthenticate(o)).isEqualTo("Bearer error=\"invalid_token\", error_description=\"The access token expired\"");
        assertThat(fake.refreshCalls()).as("a bearer token is never refreshed").isZero();
    }

    @Test
    void aForgedOrGarbageTokenIs401() {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        String[] parts = s.accessToken().split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        for (String token : new String[] {"garbage", tampered, "a.b.c", "x".repeat(20_000)}) {
            Outcome o = authKit.handle(TestRequest.get(APP + "/api/posts").header("Authorization", "Bearer " + token));
            assertThat(wwwAuthenticate(rejected(o))).contains("invalid_token").contains("is invalid");
        }
    }

    @Test
    void case76_anEmptyBearerIsAClearErrorOtherSchemesAreNotBearerTokens() {
        assertThat(wwwAuthenticate(rejected(authKit.handle(TestRequest.get(APP + "/api").header("Authorization", "Bearer   ")))))
                .contains("invalid_request");
        assertThat(wwwAuthenticate(rejected(authKit.handle(TestRequest.get(APP + "/api").header("Authorization", "Bearer")))))
                .contains("invalid_request");
        // Basic and friends are the application's business: the request goes on as a cookie request
        // (a signed-out API client on a protected path: 401 that asks for sign-in, not an invalid token)
        assertThat(wwwAuthenticate(rejected(authKit.handle(TestRequest.get(APP + "/api").header("Authorization", "Basic dXNlcjpwYXNz")))))
                .isEqualTo("Bearer realm=\"authkit\"");
        assertThat(wwwAuthenticate(rejected(authKit.handle(TestRequest.get(APP + "/api").header("Authorization", "BearerX abc")))))
                .isEqualTo("Bearer realm=\"authkit\"");
    }

    @Test
    void bearerTokensAreIgnoredUnlessSwitchedOn() {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        AuthKit cookiesOnly = new Harness(fake).authKit().build();
        Outcome o = cookiesOnly.handle(TestRequest.get(APP + "/api").header("Authorization", "Bearer " + s.accessToken()));
        assertThat(((Outcome.Continue) o).auth().isSignedIn()).isFalse();
    }
}
