package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import dev.authkit.testkit.junit5.InjectFakeWorkOS;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeWorkOSExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionTest {
    @InjectFakeWorkOS
    static FakeWorkOS classServer;
    @InjectFakeWorkOS
    FakeWorkOS field;

    static int firstPort;

    @Test
    @Order(1)
    void fieldAndParameterAreTheClassServer(FakeWorkOS parameter) {
        assertThat(field).isSameAs(parameter).isSameAs(classServer);
        firstPort = field.port();
        field.addUser("left-behind@example.com");
        field.clock().advance(Duration.ofHours(2));
        field.failNext(Endpoint.JWKS, 1, Failure.serverError());
    }

    @Test
    @Order(2)
    void eachTestStartsFresh() {
        assertThat(field.port()).as("one server per class").isEqualTo(firstPort);
        assertThat(field.users()).isEmpty();
        assertThat(field.requests()).isEmpty();
        assertThat(field.clock().instant()).isBefore(java.time.Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(Browser.get(field.baseUrl() + "/sso/jwks/" + field.clientId()).statusCode()).isEqualTo(200);
    }

    @Nested
    class Inner {
        @Test
        void nestedClassesShareTheOuterServer(FakeWorkOS parameter) {
            assertThat(parameter).isSameAs(field);
        }
    }
}
