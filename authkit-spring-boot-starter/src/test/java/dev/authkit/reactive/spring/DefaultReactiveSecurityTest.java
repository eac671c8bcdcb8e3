package dev.authkit.reactive.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Spring Boot's default reactive Spring Security (every exchange authenticated, CSRF on, form login
 * and HTTP Basic) with the starter: authkit signs users in, its routes work, Spring's logout ends the
 * authkit session, and no generated password is printed.
 */
@SpringBootTest(classes = ReactiveTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = ReactiveTestApp.REACTIVE)
@AutoConfigureWebTestClient
@AutoConfigureFakeWorkOS
@ExtendWith(OutputCaptureExtension.class)
class DefaultReactiveSecurityTest {
    @LocalServerPort
    int port;
    @Autowired
    WebTestClient client;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void signedOutPagesGoToAuthKitAndSignedInOnesAreServed(CapturedOutput output) {
        client.get().uri("/").accept(MediaType.TEXT_HTML).exchange().expectStatus().isTemporaryRedirect()
                .expectHeader().value(HttpHeaders.LOCATION, l -> assertThat(l).startsWith(fake.baseUrl() + "/user_management/authorize"));
        client.get().uri("/").header(HttpHeaders.COOKIE, sessions.cookieHeader(DemoData.ALICE)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("home " + DemoData.ALICE);
        // HTTP Basic credentials are no way in: 401, never a 500
        client.get().uri("/account").header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNzd29yZA==")
                .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isUnauthorized();
        assertThat(output).doesNotContain("Using generated security password");
    }

    @Test
    void authKitsSignOutIsNotBlockedBySpringsCsrfCheck() {
        IssuedSession session = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        client.post().uri("/auth/sign-out").header(HttpHeaders.COOKIE, sessions.cookieHeader(session))
                .header(HttpHeaders.ORIGIN, "http://localhost:" + port).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().value(HttpHeaders.LOCATION, l -> assertThat(l).startsWith(fake.baseUrl() + "/user_management/sessions/logout?"));
        client.get().uri("/auth/client.js").exchange().expectStatus().isOk();
    }

    @Test
    void springSecuritysLogoutEndsTheAuthKitSession() {
        String alice = sessions.cookieHeader(DemoData.ALICE);
        // Spring's logout wants its CSRF token, kept in the WebSession
        var page = client.get().uri("/public/csrf").header(HttpHeaders.COOKIE, alice).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        String token = page.getResponseBody();
        String csrfCookie = page.getResponseHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .map(c -> c.substring(0, c.indexOf(';'))).filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow();
        var logout = client.post().uri("/logout").header(HttpHeaders.COOKIE, alice + "; " + csrfCookie)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("_csrf=" + token).exchange()
                .expectStatus().isFound().expectBody().returnResult();
        assertThat(logout.getResponseHeaders().getLocation().toString())
                .startsWith(fake.baseUrl() + "/user_management/sessions/logout?");
        assertThat(logout.getResponseHeaders().getOrEmpty(HttpHeaders.SET_COOKIE))
                .anyMatch(c -> c.startsWith("wos-session=") && c.contains("Max-Age=0"));
    }
}
