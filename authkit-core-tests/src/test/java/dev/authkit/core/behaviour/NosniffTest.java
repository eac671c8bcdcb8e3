package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every body authkit renders itself (JSON, error pages, the client script) says {@code X-Content-Type-Options: nosniff}. */
class NosniffTest extends BehaviourTest {

    @Test
    void everyAnswerAuthkitRendersCarriesNosniff() {
        AuthKit authKit = h.authKit().middlewareAuth(true).unauthenticatedPaths("/").acceptBearerTokens(true).build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        Map<String, Outcome> answers = new LinkedHashMap<>();
        answers.put("api session, signed out", authKit.handle(TestRequest.get(APP + "/auth/api/session")));
        answers.put("api auth, signed in", authKit.handle(withSession(TestRequest.get(APP + "/auth/api/auth"), s)));
        answers.put("api access token", authKit.handle(withSession(TestRequest.get(APP + "/auth/api/access-token"), s)));
        answers.put("api organization", authKit.handle(withSession(
                TestRequest.get(APP + "/auth/api/organization?organizationId=" + DemoData.ACME), s)));
        answers.put("api 404", authKit.handle(TestRequest.get(APP + "/auth/api/nope")));
        answers.put("api 405", authKit.handle(TestRequest.get(APP + "/auth/api/refresh")));
        answers.put("cross-site POST 403", authKit.handle(withSession(TestRequest.post(APP + "/auth/api/refresh")
                .header("Origin", "https://evil.example"), s)));
        answers.put("cross-site POST 403, page", authKit.handle(withSession(TestRequest.post(APP + "/auth/sign-out").html()
                .header("Origin", "https://evil.example"), s)));
        answers.put("sign-in required, script", authKit.handle(TestRequest.get(APP + "/account")));
        answers.put("bearer 401", authKit.handle(TestRequest.get(APP + "/api/x").header("Authorization", "Bearer nope")));
        answers.put("path refused", authKit.handle(TestRequest.get(APP + "/a/%2e%2e/b")));
        answers.put("callback error", authKit.flow().handleCallback(TestRequest.get(Harness.REDIRECT + "?code=x"),
                CallbackOptions.defaults()));
        answers.put("client script", authKit.handle(TestRequest.get(APP + "/auth/client.js")));
        fake.clock().advance(Duration.ofMinutes(6));
        fake.failNext(Endpoint.AUTHENTICATE, 2, Failure.serverError());
        answers.put("unavailable, page", authKit.handle(withSession(TestRequest.get(APP + "/account").html(), s)));
        answers.put("unavailable, script", authKit.handle(withSession(TestRequest.post(APP + "/auth/api/refresh")
                .header("Origin", APP), s)));

        answers.forEach((what, o) -> {
            assertThat(o).as(what).isInstanceOf(Outcome.Respond.class);
            assertThat(o.headers()).as(what).contains(new Header("X-Content-Type-Options", "nosniff"));
        });
        // an application's own page is left alone
        Outcome page = authKit.handle(TestRequest.get(APP + "/"));
        assertThat(page.headers()).doesNotContain(new Header("X-Content-Type-Options", "nosniff"));
    }
}
