package dev.authkit.reactive.spring;

import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A {@code @WebFluxTest} slice includes the starter's reactive part (it is listed for Spring Boot's
 * WebFlux test slice): the filter, {@code Auth} parameters and the annotations, with the fake.
 */
@WebFluxTest(controllers = ReactiveTestApp.Pages.class, properties = ReactiveTestApp.NO_SPRING_SECURITY)
@AutoConfigureFakeWorkOS
class WebFluxSliceTest {
    @Autowired
    WebTestClient client;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void authAndTheAnnotationsInASlice() {
        client.get().uri("/").header(HttpHeaders.COOKIE, sessions.cookieHeader(DemoData.ALICE)).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("home " + DemoData.ALICE);
        client.get().uri("/public/me").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isUnauthorized().expectBody().json("{\"error\":\"unauthorized\"}");
        client.get().uri("/public/admin").header(HttpHeaders.COOKIE, sessions.cookieHeader(DemoData.BOB))
                .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isForbidden();
    }
}
