package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.query;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With debug logging on, every flow logs its decisions and never a token, code, state or cookie value. */
class NoSecretsInLogsTest {
    @RegisterExtension
    static FakeWorkOSExtension extension = new FakeWorkOSExtension(Harness.fakeOptions());

    @Test
    void debugLogsNameDecisionsNotSecrets(FakeWorkOS fake) {
        Harness h = new Harness(fake);
        List<String> secrets = new ArrayList<>();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AuthKit authKit = h.authKit().debug(true).middlewareAuth(true).build();
            // sign in through the callback
            AuthorizationRedirect r = authKit.flow().signInUrl(TestRequest.get(APP + "/"), SignInOptions.defaults());
            SetCookie verifier = r.cookies().get(r.cookies().size() - 1);
            String callback = h.chooseUser(r.url(), h.user(DemoData.ALICE));
            secrets.add(query(callback).get("code"));
            secrets.add(query(callback).get("state"));
            Outcome signedIn = authKit.flow().handleCallback(TestRequest.get(callback).cookie(verifier.name(), verifier.value()),
                    CallbackOptions.defaults());
            SetCookie session = Harness.cookie(signedIn, "wos-session").orElseThrow();
            secrets.add(session.value());
            secrets.add(Harness.unsealed(session).accessToken());
            secrets.add(Harness.unsealed(session).refreshToken());
            // a refresh, a failed refresh, a protected redirect, a bad callback, sign-out
            IssuedSession s = fake.signIn(h.user(DemoData.BOB));
            secrets.add(s.accessToken());
            secrets.add(s.refreshToken());
            fake.clock().advance(Duration.ofMinutes(6));
            authKit.handle(withSession(TestRequest.get(APP + "/x"), s));
            IssuedSession t = fake.signIn(h.user(DemoData.CAROL));
            secrets.add(t.refreshToken());
            fake.clock().advance(Duration.ofMinutes(6));
            fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.invalidGrant());
            authKit.handle(withSession(TestRequest.get(APP + "/x"), t));
            authKit.flow().handleCallback(TestRequest.get(APP + "/callback?code=secret-code-123&state=secret-state-456"),
                    CallbackOptions.defaults());
            secrets.add("secret-code-123");
            secrets.add("secret-state-456");
            authKit.flow().signOut(TestRequest.get(APP + "/out").cookie("wos-session", session.value()), Optional.empty());
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("[authkit]").contains("refresh").contains("[AuthKit callback error]");
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }

    @Test
    void eachRequestLogsOneOutcomeLineWithoutTheRedirectLocation(FakeWorkOS fake) {
        Harness h = new Harness(fake);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Outcome.Redirect toSignIn;
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        try {
            AuthKit authKit = h.authKit().debug(true).middlewareAuth(true).build();
            toSignIn = (Outcome.Redirect) authKit.handle(TestRequest.get(APP + "/private?secret-query=1").html());
            authKit.handle(withSession(TestRequest.get(APP + "/account"), s));
            authKit.handle(TestRequest.get(APP + "/a/..%2fb"));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("[authkit] GET /private -> 307 redirect, 1 cookie(s) set")
                .contains("[authkit] GET /account -> continue, user " + DemoData.ALICE)
                .contains(" -> 400 path_refused");
        assertThat(log.lines().filter(l -> l.contains(" -> "))).hasSize(3);
        assertThat(log).doesNotContain(query(toSignIn.location()).get("state")).doesNotContain("secret-query")
                .doesNotContain(s.accessToken());
    }
}
