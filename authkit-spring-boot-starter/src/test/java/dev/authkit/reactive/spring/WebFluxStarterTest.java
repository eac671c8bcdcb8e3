package dev.authkit.reactive.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.WorkOSEndpoint;
import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.webflux.AuthKitWebFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The starter in a WebFlux application on Reactor Netty, without Spring Security: properties only,
 * the fake started by {@code @AutoConfigureFakeWorkOS}, requests through {@code WebTestClient}.
 * On the old starter (servlet only) none of this can pass: no filter, no {@code Auth} parameter.
 */
@SpringBootTest(classes = ReactiveTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ReactiveTestApp.REACTIVE, ReactiveTestApp.NO_SPRING_SECURITY})
@AutoConfigureWebTestClient
@AutoConfigureFakeWorkOS
@Import(WorkOSCallThreads.class)
class WebFluxStarterTest {
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient client;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;
    @Autowired
    ReactiveWebServerApplicationContext context;
    @Autowired
    WorkOSCallThreads threads;

    @Test
    void theFilterIsAWebFilterOnReactorNettyBeforeSpringSecurity() {
        assertThat(context.getWebServer().getClass().getSimpleName()).contains("Netty");
        assertThat(context.getBeansOfType(AuthKitWebFilter.class)).hasSize(1);
        assertThat(context.getBean(AuthKitWebFilter.class)).isInstanceOf(org.springframework.core.Ordered.class)
                .extracting(f -> ((org.springframework.core.Ordered) f).getOrder()).isEqualTo(-110);
        assertThat(context.containsBean("authKitFilter")).as("the servlet filter").isFalse();
    }

    @Test
    void aPublicPageAndAuthAsAControllerParameter() {
        client.get().uri("/").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("home signed-out");
        client.get().uri("/").header(HttpHeaders.COOKIE, sessions.cookieHeader(DemoData.ALICE)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("home " + DemoData.ALICE);
        client.get().uri("/public/principal").header(HttpHeaders.COOKIE, sessions.cookieHeader(DemoData.ALICE)).exchange()
                .expectBody(String.class).isEqualTo("AuthKitPrincipal " + DemoData.ALICE);
    }

    @Test
    void requiresSignInSendsPagesToSignInAndScriptsA401() {
        EntityExchangeResult<String> page = client.get().uri("/public/me").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isTemporaryRedirect().expectBody(String.class).returnResult();
        assertThat(page.getResponseHeaders().getLocation().toString()).startsWith(fake.baseUrl() + "/user_management/authorize");
        assertThat(page.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).anyMatch(c -> c.startsWith("wos-auth-verifier"));
        client.get().uri("/public/me").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isUnauthorized().expectBody().json("{\"error\":\"unauthorized\"}");
        client.get().uri("/public/me").header(HttpHeaders.COOKIE, sessions.cookieHeader(DemoData.BOB)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("me " + DemoData.BOB);
    }

    @Test
    void requiresSignInChecksRolesAndPermissionsWithTheServletSidesWords() {
        String bob = sessions.cookieHeader(DemoData.BOB);
        String alice = sessions.cookieHeader(DemoData.ALICE);
        client.get().uri("/public/admin").header(HttpHeaders.COOKIE, bob).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isForbidden().expectBody()
                .json("{\"error\":\"forbidden\",\"message\":\"You need the role admin in this organization.\"}");
        client.get().uri("/public/admin").header(HttpHeaders.COOKIE, alice).exchange()
                .expectBody(String.class).isEqualTo("admin " + DemoData.ALICE);
        client.get().uri("/public/editor").header(HttpHeaders.COOKIE, bob).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isForbidden().expectBody().json("{\"message\":\"You need the permission posts:write.\"}");
        client.get().uri("/public/editor").header(HttpHeaders.COOKIE, alice).exchange()
                .expectBody(String.class).isEqualTo("editor " + DemoData.ALICE);
    }

    @Test
    void requiresRecentSignInAsksForAStepUpOnceTheSignInIsOld() {
        String alice = sessions.cookieHeader(DemoData.ALICE);
        client.get().uri("/public/step-up").header(HttpHeaders.COOKIE, alice).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("recent " + DemoData.ALICE);
        fake.clock().advance(Duration.ofMinutes(6));
        client.get().uri("/public/step-up").header(HttpHeaders.COOKIE, alice).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).contains("insufficient_user_authentication"))
                .expectBody().json("{\"error\":\"recent_sign_in_required\"}");
    }

    @Test
    void signInThroughTheFakeAndBackToThePage() throws Exception {
        fake.autoSignIn(fake.user(DemoData.ALICE).orElseThrow());
        EntityExchangeResult<byte[]> denied = client.get().uri("/public/me").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isTemporaryRedirect().expectBody().returnResult();
        HttpResponse<String> authorize = HTTP.send(HttpRequest.newBuilder(denied.getResponseHeaders().getLocation()).build(),
                HttpResponse.BodyHandlers.ofString());
        String callback = authorize.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith("http://localhost:" + port + "/callback?");
        EntityExchangeResult<byte[]> signedIn = client.get().uri(URI.create(callback))
                .header(HttpHeaders.COOKIE, cookies(denied)).exchange().expectStatus().is3xxRedirection().expectBody().returnResult();
        assertThat(signedIn.getResponseHeaders().getLocation().toString()).isEqualTo("http://localhost:" + port + "/public/me");
        client.get().uri("/public/me").header(HttpHeaders.COOKIE, cookies(signedIn)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("me " + DemoData.ALICE);
    }

    @Test
    void advancingTheFakesClockRefreshesTheSession() {
        String alice = sessions.cookieHeader(DemoData.ALICE);
        client.get().uri("/public/me").header(HttpHeaders.COOKIE, alice).exchange()
                .expectStatus().isOk().expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
        assertThat(fake.refreshCalls()).isZero();
        fake.clock().advance(Duration.ofMinutes(10));
        client.get().uri("/public/me").header(HttpHeaders.COOKIE, alice).exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.SET_COOKIE, c -> assertThat(c).startsWith("wos-session="))
                .expectBody(String.class).isEqualTo("me " + DemoData.ALICE);
        assertThat(fake.refreshCalls()).isEqualTo(1);
    }

    @Test
    void signOutClearsTheCookieAndEndsTheSessionAtWorkOS() throws Exception {
        IssuedSession session = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        String cookie = sessions.cookieHeader(session);
        EntityExchangeResult<byte[]> out = client.post().uri("/auth/sign-out").header(HttpHeaders.COOKIE, cookie)
                .header(HttpHeaders.ORIGIN, "http://localhost:" + port).exchange()
                .expectStatus().isSeeOther().expectBody().returnResult();
        URI logout = out.getResponseHeaders().getLocation();
        assertThat(logout.toString()).startsWith(fake.baseUrl() + "/user_management/sessions/logout?");
        assertThat(out.getResponseHeaders().get(HttpHeaders.SET_COOKIE))
                .anyMatch(c -> c.startsWith("wos-session=") && c.contains("Max-Age=0"));
        HTTP.send(HttpRequest.newBuilder(logout).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(fake.isSessionActive(session.sessionId())).isFalse();
        client.get().uri("/").exchange().expectBody(String.class).isEqualTo("home signed-out");
    }

    @Test
    void noWorkOSCallRunsOnAnEventLoop() throws Exception {
        signInThroughTheFakeAndBackToThePage();
        advancingTheFakesClockRefreshesTheSession();
        signOutClearsTheCookieAndEndsTheSessionAtWorkOS();
        assertThat(threads.calls()).extracting(WorkOSCallThreads.Call::endpoint)
                .contains(WorkOSEndpoint.CODE_EXCHANGE, WorkOSEndpoint.REFRESH);
        assertThat(threads.calls()).filteredOn(WorkOSCallThreads.Call::eventLoop).as("WorkOS calls on an event loop").isEmpty();
    }

    @Test
    void builtInRoutesAnswer() {
        client.get().uri("/auth/api/session").header(HttpHeaders.COOKIE, sessions.cookieHeader(DemoData.ALICE)).exchange()
                .expectStatus().isOk().expectBody().json("{\"signedIn\":true}");
        client.get().uri("/auth/client.js").exchange().expectStatus().isOk()
                .expectHeader().contentType("text/javascript; charset=utf-8");
    }

    static String cookies(EntityExchangeResult<?> response) {
        List<String> set = response.getResponseHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
        return set.stream().map(c -> c.substring(0, c.indexOf(';'))).filter(pair -> !pair.endsWith("="))
                .collect(Collectors.joining("; "));
    }
}
