package dev.authkit.reactive.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.spring.security.AuthKitSecurityHandlers;
import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The starter next to the application's own reactive Spring Security ({@code authorizeExchange},
 * {@code @EnableReactiveMethodSecurity}, CSRF on as by default): Spring Security sees the WorkOS
 * user with the servlet bridge's authorities, turns signed-out visitors over to authkit's sign-in,
 * lets bearer-token posts past CSRF, answers its 403s in authkit's format when the application plugs
 * in {@code AuthKitReactiveSecurityHandlers.forbidden()}, and never stands in front of authkit's own routes.
 */
@SpringBootTest(classes = ReactiveTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ReactiveTestApp.REACTIVE, "authkit.accept-bearer-tokens=true"})
@ActiveProfiles("secured")
@AutoConfigureWebTestClient
@AutoConfigureFakeWorkOS
class ReactiveSecurityBridgeTest {
    @Autowired
    WebTestClient client;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void springSecuritySeesTheWorkOSUserWithRolesAndPermissions() {
        String alice = sessions.cookieHeader(DemoData.ALICE);
        String bob = sessions.cookieHeader(DemoData.BOB);
        client.get().uri("/account").header(HttpHeaders.COOKIE, alice).exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo(DemoData.ALICE
                        + " [ROLE_admin, ROLE_member, audit-logs:read, posts:read, posts:write, users:manage]");
        client.get().uri("/public/principal").header(HttpHeaders.COOKIE, alice).exchange()
                .expectBody(String.class).isEqualTo("AuthKitAuthentication " + DemoData.ALICE);
        // @PreAuthorize on reactive controller methods
        client.get().uri("/users").header(HttpHeaders.COOKIE, alice).exchange().expectBody(String.class).isEqualTo("users");
        client.get().uri("/users").header(HttpHeaders.COOKIE, bob).exchange().expectStatus().isForbidden();
        client.get().uri("/public/admin-by-method").header(HttpHeaders.COOKIE, alice).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("admin by method " + DemoData.ALICE);
        client.get().uri("/public/admin-by-method").header(HttpHeaders.COOKIE, bob).exchange().expectStatus().isForbidden();
        // hasRole / hasAuthority in authorizeExchange
        client.get().uri("/admins/desk").header(HttpHeaders.COOKIE, alice).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("admin desk " + DemoData.ALICE);
        client.get().uri("/admins/desk").header(HttpHeaders.COOKIE, bob).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isForbidden()
                .expectBody().json("{\"error\":\"forbidden\",\"message\":\"" + AuthKitSecurityHandlers.FORBIDDEN + "\"}");
        client.get().uri("/writers/desk").header(HttpHeaders.COOKIE, alice).exchange().expectBody(String.class).isEqualTo("desk");
        client.get().uri("/writers/desk").header(HttpHeaders.COOKIE, bob).exchange().expectStatus().isForbidden();
    }

    @Test
    void aPermissionNamedLikeARoleDoesNotPassHasRole() {
        FakeUser mallory = fake.addUser("mallory@example.com");
        FakeOrganization org = fake.addOrganization("Mallory Inc");
        fake.addMembership(mallory, org, "member", "ROLE_admin", "FACTOR_PASSWORD", "posts:read");
        String cookie = sessions.cookieHeader(mallory.id());
        client.get().uri("/admins/desk").header(HttpHeaders.COOKIE, cookie).exchange().expectStatus().isForbidden();
        client.get().uri("/account").header(HttpHeaders.COOKIE, cookie).exchange().expectBody(String.class)
                .isEqualTo(mallory.id() + " [PERMISSION_FACTOR_PASSWORD, PERMISSION_ROLE_admin, ROLE_member, posts:read]");
    }

    @Test
    void signedOutVisitorsAreSentToAuthKitNotALoginForm() {
        EntityExchangeResult<byte[]> page = client.get().uri("/account").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isTemporaryRedirect().expectBody().returnResult();
        assertThat(page.getResponseHeaders().getLocation().toString()).startsWith(fake.baseUrl() + "/user_management/authorize");
        client.get().uri("/account").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isUnauthorized().expectBody().json("{\"error\":\"unauthorized\"}");
    }

    @Test
    void aBearerTokenPostPassesSpringsCsrfCheckACookiePostDoesNot() {
        String token = fake.signIn(fake.user(DemoData.ALICE).orElseThrow()).accessToken();
        client.post().uri("/notes").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectBody(String.class).isEqualTo("saved by " + DemoData.ALICE);
        client.post().uri("/notes").header(HttpHeaders.COOKIE, sessions.cookieHeader(DemoData.ALICE)).exchange()
                .expectStatus().isForbidden();
        client.post().uri("/notes").header(HttpHeaders.AUTHORIZATION, "Bearer " + token + "x").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void authKitsRoutesAreNotBehindSpringSecurity() {
        client.get().uri("/auth/sign-in").exchange().expectStatus().is3xxRedirection()
                .expectHeader().value(HttpHeaders.LOCATION, l -> assertThat(l).startsWith(fake.baseUrl() + "/user_management/authorize"));
        client.get().uri("/auth/client.js").exchange().expectStatus().isOk();
        client.get().uri("/auth/api/session").exchange().expectStatus().isOk().expectBody().json("{\"signedIn\":false}");
        // a signed-in page script's JSON call with authkit's own CSRF rule (X-AuthKit-Request), not Spring's token
        client.post().uri("/auth/api/refresh").header(HttpHeaders.COOKIE, sessions.cookieHeader(DemoData.ALICE))
                .header("X-AuthKit-Request", "1").exchange().expectStatus().isOk();
        client.get().uri("/callback?code=bogus&state=bogus").exchange()
                .expectStatus().value(s -> assertThat(s).isBetween(300, 499).isNotIn(401, 403));
    }
}
