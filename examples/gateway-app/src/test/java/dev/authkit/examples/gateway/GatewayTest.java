package dev.authkit.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.LocalDevelopment;
import dev.authkit.testsupport.browser.Chromium;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway example as it runs: Spring Cloud Gateway on Reactor Netty with the embedded
 * FakeWorkOS, the JAX-RS example started behind it as the downstream service. The downstream's
 * {@code /api/posts} needs the {@code posts:read} permission and the gateway forwards no session
 * cookie, so a 200 from it means it accepted the relayed bearer token.
 */
class GatewayTest {
    private static final String POSTS = "Hello from a bearer-token API";

    ConfigurableApplicationContext app;
    FakeWorkOS fake;
    String origin;
    String password;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        origin = "http://localhost:" + port;
        app = new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=" + port, "--downstream.uri=");
        LocalDevelopment workos = app.getBean(LocalDevelopment.class);
        fake = workos.fake().orElseThrow(() -> new IllegalStateException("the test runs on the embedded fake"));
        password = workos.config().cookiePassword();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private CompletableFuture<HttpResponse<String>> get(String path, Optional<String> cookie) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        cookie.ifPresent(c -> r.header("Cookie", "theme=dark; wos-session=" + c));
        return http.sendAsync(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thirtyTwoConcurrentProxiedRequestsOfOneStaleSessionCostOneRefresh() {
        IssuedSession alice = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        String cookie = alice.cookieValue(password);
        HttpResponse<String> fresh = get("/api/posts", Optional.of(cookie)).join();
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
        assertThat(fresh.body()).contains(POSTS);
        assertThat(fake.refreshCalls()).isZero();

        fake.clock().advance(fake.accessTokenLifetime().plusSeconds(5)); // the cookie's token has expired
        List<CompletableFuture<HttpResponse<String>>> inFlight = IntStream.range(0, 32)
                .mapToObj(i -> get("/api/posts", Optional.of(cookie))).toList();
        List<HttpResponse<String>> answers = inFlight.stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
            assertThat(a.body()).contains(POSTS);
        });
        assertThat(fake.refreshCalls()).as("WorkOS refreshes for 32 concurrent requests of one stale session").isEqualTo(1);
        System.out.printf("32 concurrent proxied requests, one stale session: %d refresh at FakeWorkOS%n", fake.refreshCalls());
    }

    @Test
    void aSignedOutCallIsRefusedAtTheGatewayAndAClientsOwnTokenIsNotRelayed() {
        HttpResponse<String> signedOut = get("/api/posts", Optional.empty()).join();
        assertThat(signedOut.statusCode()).isEqualTo(401);
        IssuedSession bob = fake.signIn(fake.user(DemoData.BOB).orElseThrow());
        HttpResponse<String> ownToken = http.sendAsync(HttpRequest.newBuilder(URI.create(origin + "/api/posts"))
                .header("Accept", "application/json").header("Authorization", "Bearer " + bob.accessToken()).build(),
                HttpResponse.BodyHandlers.ofString()).join();
        assertThat(ownToken.statusCode()).as("the gateway signs users in by cookie only").isEqualTo(401);
    }

    @Test
    void signInAProxiedCallRefreshAndSignOutInChromium() {
        try (Chromium chromium = Chromium.launch()) {
            Chromium.Page page = chromium.context("gateway", Optional.empty()).page("main");
            page.go(origin + "/");
            assertThat(page.text("#signed-out")).contains("not signed in");

            page.click("#sign-in");
            page.waitForUrl(fake.baseUrl());
            page.click("#sign-in-" + DemoData.ALICE);
            page.waitForExactUrl(origin + "/");
            assertThat(page.text("#email")).isEqualTo("alice@example.com");

            // a script's call, as a single-page application makes it, then a page load
            assertThat(page.evaluate("fetch('/api/posts').then(r => r.status + ' ' + r.text())").asText()).startsWith("200");
            assertThat(page.go(origin + "/api/posts")).isEqualTo(origin + "/api/posts");
            assertThat(page.text("body")).contains(POSTS);
            assertThat(fake.refreshCalls()).isZero();

            fake.clock().advance(fake.accessTokenLifetime().plusSeconds(5));
            page.go(origin + "/api/posts");
            assertThat(page.text("body")).contains(POSTS);
            assertThat(fake.refreshCalls()).as("the expired token was refreshed before the call was relayed").isEqualTo(1);

            page.go(origin + "/");
            page.click("#sign-out");
            page.waitForExactUrl(origin + "/");
            assertThat(page.text("#signed-out")).contains("not signed in");

            String after = page.go(origin + "/api/posts");
            assertThat(after).as("a page load of the API signed out goes to sign-in").startsWith(fake.baseUrl());
        }
    }
}
