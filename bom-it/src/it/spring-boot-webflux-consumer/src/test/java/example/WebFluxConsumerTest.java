package example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The starter in a WebFlux application without the servlet API: the WebFilter, Auth, @RequiresSignIn and a refresh. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@AutoConfigureFakeWorkOS
class WebFluxConsumerTest {
    @Autowired
    WebTestClient client;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void signedInRefreshedAndGuardedWithoutTheServletApi() {
        assertThat(getClass().getClassLoader().getResource("jakarta/servlet/Filter.class")).as("the servlet API").isNull();
        client.get().uri("/me").header("Accept", "application/json").exchange().expectStatus().isUnauthorized();
        String alice = sessions.cookieHeader(DemoData.ALICE);
        client.get().uri("/me").header("Cookie", alice).exchange().expectBody(String.class).isEqualTo("alice@example.com");
        fake.clock().advance(Duration.ofMinutes(10));
        client.get().uri("/me").header("Cookie", alice).exchange()
                .expectHeader().value("Set-Cookie", c -> assertThat(c).startsWith("wos-session="))
                .expectBody(String.class).isEqualTo("alice@example.com");
        assertThat(fake.refreshCalls()).isEqualTo(1);
    }
}
