package dev.authkit.examples.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.testkit.DemoData;
import dev.authkit.testsupport.browser.Chromium;
import java.net.ServerSocket;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JAX-RS demo's home page in headless Chromium: the browser client loads through Jersey and adds what it knows. */
class JaxRsDemoBrowserTest {

    @Test
    void theHomePageUsesTheBrowserClientWithoutConsoleErrors() throws Exception {
        try (Chromium chromium = Chromium.launch()) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String base = "http://localhost:" + port;
            try (JaxRsDemo demo = JaxRsDemo.start(port, Map.of())) {
                String fake = demo.local().fake().orElseThrow().baseUrl();
                Chromium.Context browser = chromium.context("jaxrs", Optional.empty());
                Chromium.Page tab = browser.page("home");
                tab.go(base + "/auth/sign-in?returnTo=/");
                tab.waitForUrl(fake);
                tab.click("#sign-in-" + DemoData.ALICE);
                tab.waitForExactUrl(base + "/");
                tab.waitFor("document.getElementById('who').textContent.includes('Organization: " + DemoData.ACME + "')");
                assertThat(tab.text("#who")).contains("alice@example.com");
                assertThat(tab.evaluate("getComputedStyle(document.querySelector('authkit-impersonation')).display").asText())
                        .isEqualTo("none");
                tab.screenshot(Paths.get("target", "screenshots", "jaxrs-home.png"));
                List<String> errors = new ArrayList<>(tab.errors());
                browser.close();
                assertThat(errors).as("console errors and uncaught exceptions").isEmpty();
            }
        }
    }
}
