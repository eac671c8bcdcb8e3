package dev.authkit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.FakeWorkOS;
import java.time.Duration;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo on a real port under the context path {@code /demo}, in a headless browser (HtmlUnit):
 * sign in on the fake's hosted page, a silent refresh after the fake's clock moves past the
 * token's expiry, the error page of a signed-in user, an organization switch, sign-out. Every
 * path stays under {@code /demo}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.servlet.context-path=/demo")
@AutoConfigureFakeWorkOS
class BrowserSignInTest {
    @LocalServerPort
    int port;
    @Autowired
    FakeWorkOS fake;
    WebClient browser;
    String origin;

    @BeforeEach
    void browser() {
        origin = "http://localhost:" + port + "/demo";
        browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    String sessionCookie() {
        return browser.getCookieManager().getCookie("wos-session").getValue();
    }

    @Test
    void signInFromTheHomePageReturnsToTheAccountPage() throws Exception {
        HtmlPage home = browser.getPage(origin + "/");
        assertThat(home.getHtmlElementById("signed-out").asNormalizedText()).contains("not signed in");
        HtmlPage hosted = home.getHtmlElementById("sign-in").click();
        assertThat(hosted.getUrl().toString()).startsWith(fake.baseUrl());
        HtmlPage account = hosted.getHtmlElementById("sign-in-" + DemoData.BOB).click();
        assertThat(account.getUrl().toString()).isEqualTo(origin + "/account");
        assertThat(account.getHtmlElementById("email").asNormalizedText()).isEqualTo("bob@example.com");
    }

    @Test
    void signInRefreshErrorPageSwitchAndSignOut() throws Exception {
        HtmlPage hosted = browser.getPage(origin + "/account?tab=profile");
        assertThat(hosted.getUrl().toString()).startsWith(fake.baseUrl() + "/user_management/authorize");
        HtmlPage account = hosted.getHtmlElementById("sign-in-" + DemoData.ALICE).click();
        assertThat(account.getUrl().toString()).isEqualTo(origin + "/account?tab=profile");
        assertThat(account.getHtmlElementById("email").asNormalizedText()).isEqualTo("alice@example.com");
        assertThat(account.getHtmlElementById("role").asNormalizedText()).isEqualTo("admin");
        String firstCookie = sessionCookie();

        fake.clock().advance(Duration.ofMinutes(6));
        HtmlPage reloaded = browser.getPage(origin + "/account");
        assertThat(reloaded.getHtmlElementById("email").asNormalizedText()).isEqualTo("alice@example.com");
        assertThat(sessionCookie()).isNotEqualTo(firstCookie);
        assertThat(fake.refreshCalls()).isEqualTo(1);

        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        HtmlPage broken = browser.getPage(origin + "/broken");
        assertThat(broken.getWebResponse().getStatusCode()).isEqualTo(500);
        assertThat(broken.getHtmlElementById("error").asNormalizedText()).startsWith("Sorry, Alice Anders:");
        browser.getOptions().setThrowExceptionOnFailingStatusCode(true);

        HtmlPage switched = reloaded.getHtmlElementById("switch-" + DemoData.GLOBEX).click();
        assertThat(switched.getUrl().toString()).isEqualTo(origin + "/account");
        assertThat(switched.getHtmlElementById("organization").asNormalizedText()).isEqualTo(DemoData.GLOBEX);

        HtmlPage home = switched.getHtmlElementById("sign-out").click();
        assertThat(home.getUrl().toString()).isEqualTo(origin + "/");
        assertThat(home.getHtmlElementById("signed-out").asNormalizedText()).contains("not signed in");
        assertThat(fake.requests(Endpoint.LOGOUT)).hasSize(1);
    }
}
