package dev.authkit.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testsupport.browser.Chromium;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 in a real headless Chromium on the servlet demo with FakeWorkOS: step-up on a page
 * rule (page, sign-in with {@code max_age}, back to the page), {@code ensureRecentSignIn} of the
 * browser client, and organization selection at the callback, including an expired pending choice.
 * Screenshots go to {@code target/screenshots/sign-in-flows-*}.
 */
class SignInFlowsChromiumTest {
    static final Path SHOTS = Paths.get("target", "screenshots");

    FakeWorkOS fake;
    DemoApp app;
    String origin;
    Chromium chromium;
    Chromium.Context browser;
    Chromium.Page tab;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        origin = "http://localhost:" + port;
        fake = FakeWorkOS.builder().withDemoData().redirectUri(origin + "/callback").start();
        app = DemoApp.start(port, Map.of("DEMO_STEP_UP_PATHS", "/account"), Optional.of(fake));
        chromium = Chromium.launch();
        browser = chromium.context("flows", Optional.of(fake.clock().instant()));
        tab = browser.page("main");
    }

    @AfterEach
    void stop() {
        List<String> errors = new ArrayList<>(tab == null ? List.of() : tab.errors());
        // the expired choice's 400 page is expected; Chromium reports every 4xx document as a console error
        errors.removeIf(e -> e.contains("status of 400") && e.contains("/callback?organization_id="));
        if (chromium != null) {
            chromium.close();
        }
        app.close();
        fake.close();
        assertThat(errors).as("console errors").isEmpty();
    }

    void advance(Duration d) {
        fake.clock().advance(d);
        browser.fastForward(d);
    }

    @Test
    void stepUp_pageThenSignInWithMaxAgeThenBackToThePage() {
        assertThat(tab.go(origin + "/account?tab=security")).contains("max_age=600");
        tab.click("#sign-in-" + DemoData.ALICE);
        tab.waitForExactUrl(origin + "/account?tab=security");
        assertThat(tab.text("#email")).isEqualTo("alice@example.com");

        fake.autoSignIn(fake.user(DemoData.ALICE).orElseThrow()); // signs in without the page, unless max_age says otherwise
        advance(Duration.ofMinutes(11));
        String at = tab.go(origin + "/account?tab=security");
        assertThat(at).startsWith(fake.baseUrl() + "/user_management/authorize").contains("max_age=600");
        tab.screenshot(SHOTS.resolve("sign-in-flows-step-up-hosted-page.png"));
        tab.click("#sign-in-" + DemoData.ALICE);
        tab.waitForExactUrl(origin + "/account?tab=security");
        assertThat(tab.text("#email")).isEqualTo("alice@example.com");
        tab.screenshot(SHOTS.resolve("sign-in-flows-step-up-back.png"));
        assertThat(fake.requests(dev.authkit.testkit.Endpoint.AUTHORIZE)).filteredOn(r -> "600".equals(r.query().get("max_age")))
                .hasSizeGreaterThanOrEqualTo(2);

        // the browser client: fresh enough resolves; too old goes through sign-in with max_age and back
        tab.go(origin + "/api-demo");
        tab.waitFor("window.authkit");
        JsonNode fresh = tab.evaluate("authkit.ensureRecentSignIn(600).then((a) => a.user.email)");
        assertThat(fresh.asText()).isEqualTo("alice@example.com");
        advance(Duration.ofMinutes(2));
        tab.evaluate("void authkit.ensureRecentSignIn(60)");
        assertThat(tab.waitForUrl(fake.baseUrl() + "/user_management/authorize")).contains("max_age=60");
        tab.click("#sign-in-" + DemoData.ALICE);
        tab.waitForExactUrl(origin + "/api-demo");
    }

    @Test
    void organizationSelection_chooserThenGlobex_andAnExpiredChoiceIsAClearError() {
        FakeUser dana = fake.addUser(FakeUser.builder("dana@example.com").name("Dana", "Diaz").requiresOrganizationSelection());
        fake.addMembership(dana, fake.organization(DemoData.ACME).orElseThrow(), "member");
        fake.addMembership(dana, fake.organization(DemoData.GLOBEX).orElseThrow(), "admin");

        tab.go(origin + "/account");
        tab.click("#sign-in-" + dana.id());
        tab.waitForUrl(origin + "/callback");
        tab.waitFor("document.querySelector('#authkit-organization-selection')");
        tab.screenshot(SHOTS.resolve("sign-in-flows-organization-chooser.png"));
        assertThat(tab.evaluate("document.cookie").asText()).doesNotContain("wos-org-selection"); // HttpOnly
        tab.click("button[data-organization-id='" + DemoData.GLOBEX + "']");
        tab.waitForExactUrl(origin + "/account");
        assertThat(tab.text("#email")).isEqualTo("dana@example.com");
        assertThat(tab.text("#organization")).contains("Globex");
        tab.screenshot(SHOTS.resolve("sign-in-flows-organization-chosen.png"));

        // a second sign-in whose choice waits past its ten minutes: a clear error page, no 5xx, no session
        browser.close();
        browser = chromium.context("expired", Optional.of(fake.clock().instant()));
        tab = browser.page("second");
        tab.go(origin + "/account");
        tab.click("#sign-in-" + dana.id());
        tab.waitFor("document.querySelector('#authkit-organization-selection')");
        advance(Duration.ofMinutes(11));
        tab.click("button[data-organization-id='" + DemoData.ACME + "']");
        tab.waitFor("!document.querySelector('#authkit-organization-selection') && document.readyState == 'complete'");
        String page = tab.evaluate("document.title + ' | ' + document.body.innerText").asText();
        System.out.println("expired choice page: " + page);
        assertThat(page).contains("400").contains("couldn't sign you in").doesNotContain("pat_");
        assertThat(tab.evaluate("document.cookie").asText()).doesNotContain("wos-session");
        tab.screenshot(SHOTS.resolve("sign-in-flows-organization-expired.png"));
        assertThat(tab.requests()).noneMatch(r -> r.contains("pat_"));
    }
}
