package dev.authkit.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The browser client ({@code /auth/client.js}) in a real headless Chromium, on the servlet demo
 * against a FakeWorkOS the test controls. The pages' clock starts at the fake's time and is moved
 * together with it, so token expiry is seen alike by the server and the page. Every tab of every
 * case is checked for console errors and uncaught exceptions; screenshots of the demo pages go to
 * {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserClientTest {
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    FakeWorkOS fake;
    DemoApp app;
    String origin;
    Chromium chromium;
    Chromium.Context browser;
    final List<Chromium.Page> tabs = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    int contexts;

    @BeforeAll
    void start() throws Exception {
        chromium = Chromium.launch();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        origin = "http://localhost:" + port;
        fake = FakeWorkOS.builder().withDemoData().redirectUri(origin + "/callback").start();
        app = DemoApp.start(port, Map.of(), Optional.of(fake));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (fake != null) {
            fake.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A fresh profile whose clock starts at the fake's time. */
    Chromium.Context newBrowser() {
        browser = chromium.context("user" + (++contexts), Optional.of(fake.clock().instant()));
        return browser;
    }

    Chromium.Page tab(String path) {
        Chromium.Page tab = browser.page("tab" + contexts + "-" + tabs.size());
        tabs.add(tab);
        if (path != null) {
            tab.go(origin + path);
            tab.waitFor("window.authkit");
        }
        return tab;
    }

    /** Closes the profile, keeping what its tabs reported. */
    void closeBrowser() {
        for (Chromium.Page tab : tabs) {
            errors.addAll(tab.errors());
        }
        tabs.clear();
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @AfterEach
    void noConsoleErrors() {
        closeBrowser();
        List<String> seen = new ArrayList<>(errors);
        errors.clear();
        assertThat(seen).as("console errors and uncaught exceptions").isEmpty();
    }

    /** Signs {@code userId} in through the hosted page, starting at {@code path}, and waits for the client there. */
    Chromium.Page signIn(String userId, String path) {
        Chromium.Page tab = tab(null);
        tab.go(origin + "/auth/sign-in?returnTo=" + path);
        tab.click("#sign-in-" + userId);
        tab.waitForUrl(origin + path);
        tab.waitFor("window.authkit");
        return tab;
    }

    /** Moves the server's and the browser's clocks together. */
    void advance(Duration d) {
        fake.clock().advance(d);
        browser.fastForward(d);
    }

    static String error(String call) {
        return call + ".then((v) => ({ resolved: v }), (e) => ({ name: e.name, code: e.code, status: e.status,"
                + " typed: e instanceof authkit.AuthKitError }))";
    }

    @Test
    void signInGetAuthAndAccessTokensBeforeAndAfterExpiry() {
        newBrowser();
        Chromium.Page signedOut = tab("/api-demo");
        assertThat(signedOut.evaluate("authkit.getAuth()").get("user").isNull()).isTrue();
        JsonNode noToken = signedOut.evaluate(error("authkit.getAccessToken()"));
        assertThat(noToken.get("name").asText()).isEqualTo("SignedOutError");
        assertThat(noToken.get("code").asText()).isEqualTo("signed_out");
        assertThat(noToken.get("typed").asBoolean()).isTrue();

        // ensureSignedIn sends the page to sign-in and back to where it was
        signedOut.go(origin + "/api-demo?from=ensure");
        signedOut.waitFor("window.authkit");
        signedOut.evaluate("void authkit.getAuth({ ensureSignedIn: true })");
        signedOut.waitForUrl(fake.baseUrl() + "/user_management/authorize");
        signedOut.click("#sign-in-" + DemoData.ALICE);
        assertThat(signedOut.waitForUrl(origin + "/api-demo")).isEqualTo(origin + "/api-demo?from=ensure");
        signedOut.waitFor("window.authkit");

        JsonNode auth = signedOut.evaluate("authkit.getAuth()");
        assertThat(auth.get("user").get("email").asText()).isEqualTo("alice@example.com");
        assertThat(auth.get("organizationId").asText()).isEqualTo(DemoData.ACME);
        assertThat(auth.get("role").asText()).isEqualTo("admin");
        assertThat(auth.get("permissions").toString()).contains("posts:write");
        assertThat(auth.get("featureFlags").toString()).contains("new-dashboard");
        assertThat(auth.has("accessToken")).isFalse();

        long refreshes = fake.refreshCalls();
        String first = signedOut.evaluate("authkit.getAccessToken()").asText();
        assertThat(first).startsWith("eyJ");
        assertThat(signedOut.evaluate("authkit.getAccessToken()").asText()).isEqualTo(first);
        assertThat(fake.refreshCalls()).isEqualTo(refreshes);

        // 20 s before expiry the token is not handed out any more: refreshed first
        advance(fake.accessTokenLifetime().minusSeconds(20));
        String second = signedOut.evaluate("authkit.getAccessToken()").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(fake.refreshCalls()).isEqualTo(refreshes + 1);
        assertThat(signedOut.evaluate("JSON.parse(atob('" + second.split("\\.")[1]
                + "'.replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000 - Date.now() > 30000").asBoolean()).isTrue();

        // long after expiry too
        advance(Duration.ofMinutes(30));
        String third = signedOut.evaluate("authkit.getAccessToken()").asText();
        assertThat(third).isNotEqualTo(second);
        assertThat(fake.refreshCalls()).isEqualTo(refreshes + 2);
        signedOut.screenshot(SCREENSHOTS.resolve("api-demo.png"));
    }

    @Test
    void twoTabsRefreshingAtOnceCostOneRefresh() {
        newBrowser();
        Chromium.Page a = signIn(DemoData.ALICE, "/api-demo");
        Chromium.Page b = tab("/api-demo");
        String before = a.evaluate("authkit.getAccessToken()").asText();
        assertThat(b.evaluate("authkit.getAccessToken()").asText()).isEqualTo(before);

        advance(fake.accessTokenLifetime().plusMinutes(1));
        long refreshes = fake.refreshCalls();
        List<JsonNode> tokens = browser.evaluateAtOnce("authkit.getAccessToken()", a, b);
        assertThat(tokens.get(0).asText()).isNotEqualTo(before).isEqualTo(tokens.get(1).asText());
        assertThat(fake.refreshCalls()).as("WorkOS refresh calls for two tabs").isEqualTo(refreshes + 1);

        // and within one tab, ten concurrent callers share one request
        advance(fake.accessTokenLifetime().plusMinutes(1));
        JsonNode ten = a.evaluate("Promise.all(Array.from({ length: 10 }, () => authkit.getAccessToken()))"
                + ".then((t) => new Set(t).size)");
        assertThat(ten.asInt()).isEqualTo(1);
        assertThat(fake.refreshCalls()).isEqualTo(refreshes + 2);
    }

    @Test
    void signOutInOneTabIsSeenByTheOther() {
        newBrowser();
        Chromium.Page a = signIn(DemoData.ALICE, "/api-demo");
        Chromium.Page b = tab("/api-demo");
        Chromium.Page account = tab("/account");
        b.evaluate("authkit.getAuth()");
        b.evaluate("window.seen = []; authkit.onChange((auth, e) => window.seen.push({ user: auth.user, ...e })); true");

        a.click("#client-sign-out");
        a.waitForUrl(origin + "/");
        b.waitFor("window.seen.length > 0");
        JsonNode seen = b.evaluate("window.seen[0]");
        assertThat(seen.get("type").asText()).isEqualTo("sign-out");
        assertThat(seen.get("remote").asBoolean()).isTrue();
        assertThat(seen.get("user").isNull()).isTrue();
        assertThat(b.text("#events")).contains("sign-out (another tab): signed out");
        // the server-rendered account page reloaded itself: the protected page now asks for a sign-in
        account.waitForUrl(fake.baseUrl() + "/user_management/authorize");

        // a session ended behind the client's back (a raw request, the server) is noticed when the tab regains focus
        account.click("#sign-in-" + DemoData.BOB);
        account.waitForUrl(origin + "/account");
        b.go(origin + "/api-demo");
        b.waitFor("window.authkit");
        b.evaluate("authkit.getAuth()");
        // no other tab may notice the sign-out first and tell this one (that would be the "another tab" path)
        account.go("about:blank");
        a.go("about:blank");
        b.evaluate("window.seen = []; authkit.onChange((auth, e) => window.seen.push(e)); true");
        b.evaluate("fetch('/auth/api/sign-out', { method: 'POST', headers: { 'X-AuthKit-Request': '1' } }).then((r) => r.status)");
        advance(Duration.ofSeconds(5)); // past the client's throttle of re-checks
        b.evaluate("dispatchEvent(new Event('focus')); true");
        b.waitFor("window.seen.length > 0");
        JsonNode noticed = b.evaluate("window.seen[0]");
        assertThat(noticed.get("type").asText()).isEqualTo("sign-out");
        assertThat(noticed.get("remote").asBoolean()).isFalse();
    }

    /**
     * Sign out everywhere: two browsers (separate profiles, so separate cookies) of the same user;
     * {@code signOut({everywhere: true})} in one tells its listeners, leaves through WorkOS's logout,
     * and ends the other browser's session at its next request.
     */
    @Test
    void signOutEverywhereInOneBrowserEndsTheOtherBrowsersSession() {
        Chromium.Context first = newBrowser();
        Chromium.Page elsewhere = signIn(DemoData.ALICE, "/api-demo");
        String elsewhereId = elsewhere.evaluate("authkit.getAuth()").get("sessionId").asText();
        List<Chromium.Page> firstTabs = new ArrayList<>(tabs);
        tabs.clear();
        try {
            newBrowser();
            Chromium.Page here = signIn(DemoData.ALICE, "/api-demo");
            String hereId = here.evaluate("authkit.getAuth()").get("sessionId").asText();
            assertThat(hereId).isNotEqualTo(elsewhereId);
            assertThat(fake.isSessionActive(elsewhereId) && fake.isSessionActive(hereId)).isTrue();
            // what the listeners hear survives the navigation in sessionStorage
            here.evaluate("authkit.onChange((auth, e) => sessionStorage.setItem('seen', JSON.stringify({ user: auth.user, ...e })));"
                    + " void authkit.signOut({ everywhere: true, returnTo: '/' }); true");
            here.waitForExactUrl(origin + "/");
            here.waitFor("window.authkit");
            JsonNode seen = here.evaluate("JSON.parse(sessionStorage.getItem('seen'))");
            assertThat(seen.get("type").asText()).isEqualTo("sign-out");
            assertThat(seen.get("leaving").asBoolean()).as("told the page is leaving").isTrue();
            assertThat(seen.get("user").isNull()).isTrue();
            assertThat(here.evaluate("authkit.getAuth()").get("user").isNull()).isTrue();
            assertThat(fake.isSessionActive(hereId)).as("this browser's WorkOS session").isFalse();
            assertThat(fake.isSessionActive(elsewhereId)).as("the other browser's WorkOS session").isFalse();

            // the other browser, still holding its cookie, is signed out at its next request
            JsonNode next = elsewhere.evaluate("fetch('/auth/api/session', { cache: 'no-store' }).then((r) => r.json())");
            assertThat(next.get("signedIn").asBoolean()).as(next.toString()).isFalse();
            elsewhere.go(origin + "/account");
            elsewhere.waitForUrl(fake.baseUrl() + "/user_management/authorize");
        } finally {
            for (Chromium.Page tab : firstTabs) {
                errors.addAll(tab.errors());
            }
            first.close();
        }
    }

    @Test
    void aPageThatLoadsTheClientTwiceSignsOutAtWorkOS() {
        newBrowser();
        // the account page loads the hashed scriptUrl() and reloads itself on a sign-out "in another tab";
        // a page script imports the plain URL as README's snippets do
        Chromium.Page account = signIn(DemoData.ALICE, "/account");
        String sessionId = account.evaluate("authkit.getAuth()").get("sessionId").asText();
        assertThat(fake.isSessionActive(sessionId)).isTrue();
        assertThat(account.evaluate("import('/auth/client.js').then((plain) => [plain !== window.authkit,"
                + " plain.AuthKitError === authkit.AuthKitError])").toString())
                .as("two module instances, one shared state").isEqualTo("[true,true]");
        int logouts = fake.requests(Endpoint.LOGOUT).size();

        account.evaluate("import('/auth/client.js').then((plain) => { void plain.signOut({ returnTo: '/' }); return true; })");
        account.waitForExactUrl(origin + "/");
        account.waitFor("window.authkit");
        assertThat(fake.requests(Endpoint.LOGOUT)).as("the navigation to WorkOS's logout").hasSize(logouts + 1);
        assertThat(fake.isSessionActive(sessionId)).as("the WorkOS session").isFalse();
        assertThat(account.evaluate("authkit.getAuth()").get("user").isNull()).isTrue();
    }

    @Test
    void organizationSwitchIncludingSsoReauthentication() {
        newBrowser();
        Chromium.Page tab = signIn(DemoData.ALICE, "/api-demo");
        tab.evaluate("window.seen = []; authkit.onChange((auth, e) => window.seen.push(e.type)); true");
        JsonNode globex = tab.evaluate("authkit.switchOrganization('" + DemoData.GLOBEX + "')");
        assertThat(globex.get("organizationId").asText()).isEqualTo(DemoData.GLOBEX);
        assertThat(globex.get("role").asText()).isEqualTo("member");
        assertThat(tab.evaluate("window.seen").toString()).contains("organization-switch");
        assertThat(tab.evaluate("authkit.getAuth({ force: true })").get("organizationId").asText()).isEqualTo(DemoData.GLOBEX);

        // Initech requires SSO: the page goes to WorkOS's sign-in and comes back to itself, switched
        tab.evaluate("void authkit.switchOrganization('" + DemoData.INITECH + "'); true");
        tab.waitForUrl(fake.baseUrl() + "/user_management/authorize");
        assertThat(tab.text("#organization")).contains("Initech");
        tab.click("#sign-in-" + DemoData.ALICE);
        assertThat(tab.waitForUrl(origin + "/")).isEqualTo(origin + "/api-demo");
        tab.waitFor("window.authkit");
        assertThat(tab.evaluate("authkit.getAuth()").get("organizationId").asText()).isEqualTo(DemoData.INITECH);

        // the account page's switcher buttons use the client too
        Chromium.Page account = tab("/account");
        account.click("#switch-" + DemoData.ACME);
        account.waitFor("document.getElementById('organization') && document.getElementById('organization').textContent"
                + ".includes('Acme') && document.readyState == 'complete' && window.authkit");
        assertThat(account.text("#role")).isEqualTo("admin");
        account.screenshot(SCREENSHOTS.resolve("account.png"));

        // a switch the server refuses is a typed rejection
        JsonNode missing = tab.evaluate(error("authkit.switchOrganization('')"));
        assertThat(missing.get("code").asText()).isEqualTo("missing_organization_id");
        assertThat(missing.get("typed").asBoolean()).isTrue();
        closeBrowser();
        newBrowser();
        Chromium.Page carol = signIn(DemoData.CAROL, "/api-demo");
        JsonNode refused = carol.evaluate(error("authkit.switchOrganization('" + DemoData.GLOBEX + "')"));
        assertThat(refused.get("typed").asBoolean()).as(refused.toString()).isTrue();
        assertThat(refused.get("code").asText()).isNotEmpty();
        assertThat(refused.get("status").asInt()).isBetween(400, 499);
        carol.errors(); // the browser reports the refused request's 4xx status in the console by design
    }

    @Test
    void theImpersonationBannerShowsWhoAndStops() {
        newBrowser();
        fake.impersonateNextSignIn("support@example.com", "ticket 42");
        Chromium.Page tab = signIn(DemoData.BOB, "/account");
        tab.waitFor("document.querySelector('authkit-impersonation').hasAttribute('active')"
                + " && document.querySelector('authkit-impersonation').shadowRoot.textContent.includes('Acme Corp')");
        String banner = tab.text("authkit-impersonation [part=banner]");
        assertThat(banner).contains("bob@example.com", "Acme Corp", "support@example.com", "ticket 42", "Stop impersonating");
        tab.screenshot(SCREENSHOTS.resolve("impersonation.png"));

        tab.click("authkit-impersonation button");
        tab.waitForExactUrl(origin + "/");
        tab.waitFor("window.authkit");
        assertThat(tab.evaluate("authkit.getAuth()").get("user").isNull()).isTrue();
    }

    @Test
    void everyDemoPageLoadsWithoutConsoleErrors() {
        newBrowser();
        Chromium.Page tab = tab("/");
        tab.screenshot(SCREENSHOTS.resolve("home-signed-out.png"));
        tab.go(origin + "/api-demo");
        tab.waitFor("window.authkit");
        tab.click("#get-auth");
        tab.waitForUrl(fake.baseUrl());
        tab.click("#sign-in-" + DemoData.ALICE);
        tab.waitForUrl(origin + "/api-demo");
        tab.waitFor("window.authkit");
        for (String id : List.of("get-auth", "get-token", "refresh", "session")) {
            tab.evaluate("document.getElementById('result').textContent = ''; true");
            tab.click("#" + id);
            tab.waitFor("document.getElementById('result').textContent != ''");
            assertThat(tab.text("#result")).as(id).doesNotContain("Error");
        }
        for (String path : List.of("/", "/account", "/api-demo")) {
            tab.go(origin + path);
            tab.waitFor("window.authkit");
            tab.screenshot(SCREENSHOTS.resolve("signed-in" + (path.equals("/") ? "-home" : path.replace('/', '-')) + ".png"));
        }
        // no impersonation, no banner
        tab.evaluate("authkit.getAuth()");
        assertThat(tab.evaluate("getComputedStyle(document.querySelector('authkit-impersonation')).display").asText())
                .isEqualTo("none");
        // the module and its types are served with their media types and an ETag
        JsonNode served = tab.evaluate("Promise.all(['/auth/client.js', '/auth/client.d.ts'].map((u) => fetch(u)"
                + ".then((r) => [r.status, r.headers.get('content-type'), r.headers.get('etag')])))");
        assertThat(served.get(0).get(1).asText()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(served.get(1).get(1).asText()).isEqualTo("application/typescript; charset=utf-8");
        assertThat(served.get(0).get(2).asText()).startsWith("\"");
    }
}
