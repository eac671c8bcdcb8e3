package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.IssuedSession;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Held properties, kept held: no cross-site POST changes a session under {@code /auth/api} or at
 * sign-out, whatever the path's encoding or the {@code Origin}'s shape; no stored or reflected
 * script in authkit's error pages or in FakeWorkOS's hosted sign-in page.
 */
class CrossSiteAndXssHeldTest extends BehaviourTest {
    static final String[] ROUTES = {"/auth/api/refresh", "/auth/api/sign-out", "/auth/api/switch-organization?organizationId="
            + DemoData.GLOBEX, "/auth/api/access-token/refresh", "/auth/sign-out"};
    static final String[] FOREIGN_ORIGINS = {null, "null", "https://evil.example", "HTTP://EVIL.EXAMPLE", "http://app.test.evil.example",
            "http://app.test/", "http://app.test:8080", "https://app.test", "http://app.test@evil.example", "http://evil.example, http://app.test",
            ""};

    /** The same routes written another way: each is refused by the path policy, not routed, or cross-site refused. */
    static final String[] ENCODINGS = {"%2F", "%2f", "/%2e/", "//", "/./", "%252F"};

    @Test
    void noCrossSitePostChangesTheSessionInAnyOriginShapeOrPathEncoding() {
        AuthKit authKit = h.authKit().middlewareAuth(true).unauthenticatedPaths("/").build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        List<String> paths = new ArrayList<>();
        for (String route : ROUTES) {
            paths.add(route);
            paths.add(route.replace("/auth/", "/AUTH/"));
            paths.add(route.contains("?") ? route.replace("?", "/?") : route + "/");
            for (String slash : ENCODINGS) {
                paths.add(route.replaceFirst("/auth/", "/auth" + slash));
                paths.add(route.replaceFirst("^/auth", "/%61uth"));
            }
        }
        for (String path : paths) {
            for (String origin : FOREIGN_ORIGINS) {
                TestRequest r = withSession(TestRequest.post(APP + path), s);
                if (origin != null) {
                    r = r.header("Origin", origin);
                }
                for (boolean page : new boolean[] {false, true}) {
                    Outcome o = authKit.handle(page ? r.html() : r);
                    String what = "POST " + path + " Origin " + origin + (page ? " (form)" : " (script)");
                    assertThat(o.cookies()).as(what).noneMatch(c -> c.name().equals("wos-session"));
                    if (o instanceof Outcome.Respond resp) {
                        assertThat(resp.status()).as(what).isBetween(400, 499);
                    } else {
                        // not one of authkit's routes: the application's own, signed in as before
                        assertThat(o).as(what).isInstanceOf(Outcome.Continue.class);
                    }
                }
            }
        }
        assertThat(fake.refreshCalls()).isZero();
        assertThat(fake.isSessionActive(s.sessionId())).isTrue();
        // the same POSTs from the application's own pages do work, so the refusals above mean something
        Outcome own = authKit.handle(withSession(TestRequest.post(APP + "/auth/sign-out"), s).header("Origin", APP));
        assertThat(own.cookies()).anyMatch(c -> c.name().equals("wos-session") && c.isDeletion());
        Outcome ownMixedCase = authKit.handle(withSession(TestRequest.post(APP + "/auth/api/refresh"), s).header("Origin", "http://APP.test"));
        assertThat(((Outcome.Respond) ownMixedCase).status()).as("the own origin in another case is still the own").isEqualTo(200);
    }

    @Test
    void errorPagesQuoteNoInput() {
        AuthKit authKit = h.authKit().middlewareAuth(true).unauthenticatedPaths("/").build();
        String script = "<script>alert(1)</script>";
        String encoded = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
        List<Outcome> pages = List.of(
                authKit.flow().handleCallback(TestRequest.get(Harness.REDIRECT + "?error=" + encoded + "&error_description="
                        + encoded + "&state=" + encoded).html(), CallbackOptions.defaults()),
                authKit.flow().handleCallback(TestRequest.get(Harness.REDIRECT + "?code=" + encoded + "&state=" + encoded)
                        .cookie("wos-auth-verifier", script).html(), CallbackOptions.defaults()),
                authKit.handle(TestRequest.get(APP + "/auth/api/" + encoded).html()),
                authKit.handle(TestRequest.post(APP + "/auth/sign-out?returnTo=" + encoded).html()),
                authKit.handle(TestRequest.get(APP + "/auth/sign-out?returnTo=" + encoded).html()),
                authKit.handle(TestRequest.get(APP + "/a/" + encoded + "/%2e%2e/b").html()));
        for (Outcome o : pages) {
            Outcome.Respond r = (Outcome.Respond) o;
            assertThat(r.body()).doesNotContain("<script>alert").doesNotContain("alert(1)");
            for (SetCookie c : r.cookies()) {
                assertThat(c.headerValue()).doesNotContain("<script>");
            }
        }
    }

    @Test
    void theFakesHostedPageEscapesWhatItShows() {
        String script = "<script>alert(1)</script>";
        FakeUser hostile = fake.addUser(FakeUser.builder("x\"><img src=x onerror=alert(1)>@evil.example").name(script, script));
        String authorize = fake.baseUrl() + "/user_management/authorize?client_id=" + fake.clientId()
                + "&redirect_uri=" + java.net.URLEncoder.encode(Harness.REDIRECT, java.nio.charset.StandardCharsets.UTF_8)
                + "&response_type=code&provider=authkit&state=%3Cscript%3Ealert(2)%3C%2Fscript%3E"
                + "&login_hint=%22%3E%3Cscript%3Ealert(3)%3C%2Fscript%3E";
        String page = Harness.get(authorize).body();
        assertThat(page).contains("sign-in-" + hostile.id());
        assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("\"><script");
    }
}
