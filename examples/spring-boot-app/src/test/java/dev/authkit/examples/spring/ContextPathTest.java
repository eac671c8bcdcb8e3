package dev.authkit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo deployed under {@code server.servlet.context-path=/demo}: the same journey, every path under {@code /demo}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.servlet.context-path=/demo")
@AutoConfigureFakeWorkOS
class ContextPathTest {
    @LocalServerPort
    int port;
    @Autowired
    FakeWorkOS fake;

    @Test
    void signInAndOutUnderTheContextPath() throws Exception {
        String app = "http://localhost:" + port + "/demo";
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setCssEnabled(false);
            HtmlPage home = browser.getPage(app + "/");
            assertThat(home.getHtmlElementById("signed-out").asNormalizedText()).contains("not signed in");
            HtmlPage hosted = home.getHtmlElementById("sign-in").click();
            assertThat(hosted.getUrl().toString()).startsWith(fake.baseUrl());
            HtmlPage account = hosted.getHtmlElementById("sign-in-" + DemoData.BOB).click();
            assertThat(account.getUrl().toString()).isEqualTo(app + "/account");
            assertThat(account.getHtmlElementById("email").asNormalizedText()).isEqualTo("bob@example.com");
            HtmlPage signedOut = account.getHtmlElementById("sign-out").click();
            assertThat(signedOut.getUrl().toString()).isEqualTo(app + "/");
            assertThat(signedOut.getHtmlElementById("signed-out").asNormalizedText()).contains("not signed in");
        }
    }
}
