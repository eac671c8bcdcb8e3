package dev.authkit.reactive.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A WebFlux application under {@code spring.webflux.base-path=/app}: the fake's redirect URI
 * follows the base path, and authkit's routes and the sign-in round trip live under it. (Spring Boot's
 * {@code WebTestClient} puts the base path in its base URL, so relative URIs leave it out.)
 */
@SpringBootTest(classes = ReactiveTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ReactiveTestApp.REACTIVE, ReactiveTestApp.NO_SPRING_SECURITY, "spring.webflux.base-path=/app"})
@AutoConfigureWebTestClient
@AutoConfigureFakeWorkOS
class WebFluxBasePathTest {
    @LocalServerPort
    int port;
    @Autowired
    WebTestClient client;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void signInRoundTripUnderTheBasePath() throws Exception {
        fake.autoSignIn(fake.user(DemoData.BOB).orElseThrow());
        EntityExchangeResult<byte[]> denied = client.get().uri("/public/me").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isTemporaryRedirect().expectBody().returnResult();
        HttpResponse<String> authorize = WebFluxStarterTest.HTTP.send(
                HttpRequest.newBuilder(denied.getResponseHeaders().getLocation()).build(), HttpResponse.BodyHandlers.ofString());
        String callback = authorize.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith("http://localhost:" + port + "/app/callback?");
        EntityExchangeResult<byte[]> signedIn = client.get().uri(java.net.URI.create(callback))
                .header(HttpHeaders.COOKIE, WebFluxStarterTest.cookies(denied)).exchange()
                .expectStatus().is3xxRedirection().expectBody().returnResult();
        assertThat(signedIn.getResponseHeaders().getLocation().toString()).isEqualTo("http://localhost:" + port + "/app/public/me");
        client.get().uri("/public/me").header(HttpHeaders.COOKIE, WebFluxStarterTest.cookies(signedIn)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("me " + DemoData.BOB);
    }

    @Test
    void routesAndGlobsAreRelativeToTheBasePath() {
        client.get().uri("/").exchange().expectBody(String.class).isEqualTo("home signed-out");
        client.get().uri("/auth/api/session").header(HttpHeaders.COOKIE, sessions.cookieHeader(DemoData.ALICE)).exchange()
                .expectStatus().isOk().expectBody().json("{\"signedIn\":true}");
    }
}
