package dev.authkit.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo in a headless browser without JavaScript (HtmlUnit), against a FakeWorkOS the test
 * controls: sign in from a protected page, silent refresh after the token expires, organization
 * switch and sign-out through plain forms. {@link BrowserClientTest} runs the same demo in Chromium
 * with the browser client.
 */
class BrowserSignInTest {
    FakeWorkOS fake;
    DemoApp app;
    String origin;
    WebClient browser;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        origin = "http://localhost:" + port;
        fake = FakeWorkOS.builder().withDemoData().redirectUri(origin + "/callback").start();
        app = DemoApp.start(port, Map.of(), Optional.of(fake));
        browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(true);
    }

    @AfterEach
    void stop() {
        browser.close();
        app.close();
        fake.close();
    }

    Optional<Cookie> sessionCookie() {
        return Optional.ofNullable(browser.getCookieManager().getCookie("wos-session"));
    }

    @Test
    void signInRefreshSwitchOrganizationAndSignOut() throws Exception {
        // a protected page sends the browser to the hosted sign-in page
        HtmlPage hosted = browser.getPage(origin + "/account?tab=profile");
        assertThat(hosted.getUrl().toString()).startsWith(fake.baseUrl() + "/user_management/authorize");
        assertThat(hosted.getTitleText()).startsWith("Sign in");

        // choosing a user comes back to the original path, signed in
        HtmlPage account = hosted.getHtmlElementById("sign-in-" + DemoData.ALICE).click();
        assertThat(account.getUrl().toString()).isEqualTo(origin + "/account?tab=profile");
        assertThat(account.getHtmlElementById("email").asNormalizedText()).isEqualTo("alice@example.com");
        assertThat(account.getHtmlElementById("organization").asNormalizedText()).contains("Acme Corp");
        assertThat(account.getHtmlElementById("role").asNormalizedText()).isEqualTo("admin");
        assertThat(account.getHtmlElementById("feature-flags").asNormalizedText()).contains("new-dashboard");
        String firstCookie = sessionCookie().orElseThrow().getValue();
        assertThat(browser.getCookieManager().getCookies()).noneMatch(c -> c.getName().startsWith("wos-auth-verifier"));

        // past the token's expiry, a reload refreshes silently and sets a new cookie
        fake.clock().advance(Duration.ofMinutes(6));
        HtmlPage reloaded = browser.getPage(origin + "/account");
        assertThat(reloaded.getHtmlElementById("email").asNormalizedText()).isEqualTo("alice@example.com");
        assertThat(sessionCookie().orElseThrow().getValue()).isNotEqualTo(firstCookie);
        assertThat(fake.refreshCalls()).isEqualTo(1);

        // switch organization
        HtmlPage switched = reloaded.getHtmlElementById("switch-" + DemoData.GLOBEX).click();
        assertThat(switched.getUrl().toString()).isEqualTo(origin + "/account");
        assertThat(switched.getHtmlElementById("organization").asNormalizedText()).contains("Globex");
        assertThat(switched.getHtmlElementById("role").asNormalizedText()).isEqualTo("member");

        // sign out: cookie gone, WorkOS logout followed, back home signed out
        HtmlPage home = switched.getHtmlElementById("sign-out").click();
        assertThat(home.getUrl().toString()).isEqualTo(origin + "/");
        assertThat(home.getHtmlElementById("signed-out").asNormalizedText()).contains("not signed in");
        assertThat(sessionCookie()).isEmpty();
        assertThat(fake.requests(dev.authkit.testkit.Endpoint.LOGOUT)).hasSize(1);
        String sid = fake.requests(dev.authkit.testkit.Endpoint.LOGOUT).get(0).query().get("session_id");
        assertThat(fake.isSessionActive(sid)).isFalse();

        // and the protected page asks for a sign-in again
        assertThat(((HtmlPage) browser.getPage(origin + "/account")).getUrl().toString()).startsWith(fake.baseUrl());
    }

    @Test
    void theSwitcherOffersOnlyTheUsersOwnOrganizationsAndMarksSso() throws Exception {
        HtmlPage bob = ((HtmlPage) browser.getPage(origin + "/account")).getHtmlElementById("sign-in-" + DemoData.BOB).click();
        assertThat(switcherButtons(bob)).containsExactly("switch-" + DemoData.ACME);
        bob.getHtmlElementById("sign-out").click();

        HtmlPage alice = ((HtmlPage) browser.getPage(origin + "/account")).getHtmlElementById("sign-in-" + DemoData.ALICE).click();
        assertThat(switcherButtons(alice))
                .containsExactlyInAnyOrder("switch-" + DemoData.ACME, "switch-" + DemoData.GLOBEX, "switch-" + DemoData.INITECH);
        assertThat(alice.getHtmlElementById("switch-" + DemoData.INITECH).asNormalizedText()).contains("SSO required");
        assertThat(alice.getHtmlElementById("switch-" + DemoData.GLOBEX).asNormalizedText()).doesNotContain("SSO");
        alice.getHtmlElementById("sign-out").click();

        HtmlPage carol = ((HtmlPage) browser.getPage(origin + "/account")).getHtmlElementById("sign-in-" + DemoData.CAROL).click();
        assertThat(switcherButtons(carol)).isEmpty();
        assertThat(carol.asXml()).doesNotContain("Switch organization");
    }

    private static List<String> switcherButtons(HtmlPage page) {
        return page.getByXPath("//form[@data-organization]/button").stream()
                .map(b -> ((org.htmlunit.html.HtmlElement) b).getId()).toList();
    }
}
