package dev.authkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.FakeWorkOS;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * With Actuator and Micrometer present: authkit's meters in the application's registry, and the
 * {@code authkit} health contributor following WorkOS's reachability (UP, DOWN while every call
 * fails, UP again) from the calls the application makes, without calling WorkOS per health check.
 */
@SpringBootTest(classes = TestApp.class, properties = {
        "management.endpoints.web.exposure.include=health,metrics",
        "management.endpoint.health.show-details=always",
        "authkit.health.probe-interval=10m"})
@AutoConfigureMockMvc
@AutoConfigureFakeWorkOS
class ObservabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;

    /** /actuator/** needs a signed-in user in the test application's security chain. */
    private JsonNode actuator(String path, Cookie user) throws Exception {
        MvcResult r = mvc.perform(get(path).cookie(user)).andReturn();
        return ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(r.getResponse().getContentAsString()))
                .put("httpStatus", r.getResponse().getStatus());
    }

    @Test
    void healthGoesDownWhileWorkOSFailsAndUpAgainAndTheRefreshIsCounted() throws Exception {
        Cookie stale = sessions.cookie(DemoData.BOB);
        Cookie admin = sessions.cookie(DemoData.ALICE);
        JsonNode up = actuator("/actuator/health", admin);
        assertThat(up.at("/components/authkit/status").asText()).isEqualTo("UP");
        assertThat(up.at("/components/authkit/details/workos/reachable").asBoolean()).isTrue();
        assertThat(up.toString()).doesNotContain(fake.apiKey()).doesNotContain("wos-session=");
        int jwksCalls = fake.requests(Endpoint.JWKS).size();

        // WorkOS fails every call: a due refresh meets it
        fake.failNext(Endpoint.AUTHENTICATE, 1000, Failure.serverError());
        fake.failNext(Endpoint.JWKS, 1000, Failure.serverError());
        fake.clock().advance(Duration.ofMinutes(6));
        mvc.perform(get("/").cookie(stale));
        Cookie fresh = sessions.cookie(DemoData.ALICE);
        JsonNode down = actuator("/actuator/health", fresh);
        assertThat(down.get("httpStatus").asInt()).isEqualTo(503);
        assertThat(down.at("/components/authkit/status").asText()).isEqualTo("DOWN");
        assertThat(down.at("/components/authkit/details/workos/endpoint").asText()).isEqualTo("refresh");
        assertThat(down.at("/components/authkit/details/workos/outcome").asText()).isEqualTo("unavailable");
        assertThat(down.at("/components/authkit/details/workos/unreachableSince").isTextual()).isTrue();
        for (int i = 0; i < 5; i++) {
            actuator("/actuator/health", fresh);
        }
        assertThat(fake.requests(Endpoint.JWKS)).as("no WorkOS call per health check").hasSize(jwksCalls);

        // WorkOS answers again: the next refresh succeeds
        fake.clearFailures();
        mvc.perform(get("/").cookie(stale));
        JsonNode again = actuator("/actuator/health", fresh);
        assertThat(again.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(again.at("/components/authkit/status").asText()).isEqualTo("UP");
        assertThat(again.at("/components/authkit/details/workos/outcome").asText()).isEqualTo("success");

        JsonNode refreshes = actuator("/actuator/metrics/authkit.session.refresh", fresh);
        assertThat(refreshes.at("/measurements/0/value").asDouble()).isEqualTo(2.0); // one transient, one success
        assertThat(actuator("/actuator/metrics/authkit.session.refresh?tag=outcome:success", fresh)
                .at("/measurements/0/value").asDouble()).isEqualTo(1.0);
        assertThat(actuator("/actuator/metrics/authkit.session.refresh?tag=outcome:transient", fresh)
                .at("/measurements/0/value").asDouble()).isEqualTo(1.0);
        assertThat(actuator("/actuator/metrics/authkit.workos.request?tag=endpoint:refresh", fresh)
                .at("/measurements/0/value").asDouble()).as("two timed refresh calls").isEqualTo(2.0);
        assertThat(actuator("/actuator/metrics/authkit.cache.hit.ratio?tag=cache:tokens", fresh).get("httpStatus").asInt())
                .isEqualTo(200);
    }
}
