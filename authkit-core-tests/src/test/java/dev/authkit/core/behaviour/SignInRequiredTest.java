package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.Problem;
import org.junit.jupiter.api.Test;

/** The decisions adapters ask the core for (issue 10, bug 8): sign-in required and forbidden. */
class SignInRequiredTest extends BehaviourTest {

    AuthKit authKit() {
        return h.authKit().signUpPaths("/join").build();
    }

    static boolean has(Outcome o, String name, String valuePart) {
        return o.headers().stream().anyMatch(hd -> hd.name().equalsIgnoreCase(name) && hd.value().contains(valuePart));
    }

    @Test
    void aPageLoadIsSentToSignInWithTheVerifierCookieAndReturnsToThePage() {
        Outcome o = authKit().signInRequired(TestRequest.get(APP + "/reports?year=2026").html());
        Outcome.Redirect r = (Outcome.Redirect) o;
        assertThat(r.status()).isEqualTo(307);
        assertThat(r.cookies()).anyMatch(c -> c.name().startsWith("wos-auth-verifier-"));
        assertThat(query(r.location())).containsEntry("screen_hint", "sign-in");
        assertThat(has(o, "Vary", "Cookie")).isTrue();
        assertThat(has(o, "Cache-Control", "no-store")).isTrue();
        Outcome.Redirect form = (Outcome.Redirect) authKit().signInRequired(TestRequest.post(APP + "/reports").html());
        assertThat(form.status()).isEqualTo(303);
    }

    @Test
    void aSignUpPathOpensTheSignUpScreen() {
        Outcome.Redirect r = (Outcome.Redirect) authKit().signInRequired(TestRequest.get(APP + "/join").html());
        assertThat(query(r.location())).containsEntry("screen_hint", "sign-up");
        Outcome.Respond script = (Outcome.Respond) authKit().signInRequired(TestRequest.get(APP + "/join"));
        assertThat(script.body()).contains("/auth/sign-up?returnTo=%2Fjoin");
    }

    @Test
    void anythingElseGets401WithoutACookie() {
        Outcome o = authKit().signInRequired(TestRequest.post(APP + "/api/x").header("Accept", "application/json"));
        Outcome.Respond r = (Outcome.Respond) o;
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.body()).contains("\"signInUrl\":\"" + APP + "/auth/sign-in?returnTo=%2Fapi%2Fx\"");
        assertThat(has(o, "WWW-Authenticate", "Bearer")).isTrue();
        assertThat(o.cookies()).isEmpty();
    }

    @Test
    void theErrorPageLinksToTheApplicationsRootUnderAContextPath() {
        TestRequest page = TestRequest.get(APP + "/app/admin").html();
        AuthKitRequest underApp = new AuthKitRequest() {
            @Override
            public String method() {
                return page.method();
            }

            @Override
            public String url() {
                return page.url();
            }

            @Override
            public java.util.List<String> headers(String name) {
                return page.headers(name);
            }

            @Override
            public String contextPath() {
                return "/app";
            }
        };
        Outcome.Respond r = (Outcome.Respond) authKit().forbidden(underApp, "You need the admin role.");
        assertThat(r.body()).contains("<a href=\"/app/\">").doesNotContain("<a href=\"/\">");
    }

    @Test
    void forbiddenIsA403PageForBrowsersAndJsonForScripts() {
        Outcome page = authKit().forbidden(TestRequest.get(APP + "/admin").html(), "You need the admin role.");
        assertThat(((Outcome.Respond) page).status()).isEqualTo(403);
        assertThat(((Outcome.Respond) page).contentType()).startsWith("text/html");
        assertThat(((Outcome.Respond) page).problem()).contains(new Problem("forbidden", "You need the admin role."));
        Outcome script = authKit().forbidden(TestRequest.get(APP + "/admin"), "You need <the> admin role.");
        assertThat(((Outcome.Respond) script).body()).isEqualTo("{\"error\":\"forbidden\",\"message\":\"You need <the> admin role.\"}");
        assertThat(script.headers()).extracting(Header::name).contains("Cache-Control");
    }
}
