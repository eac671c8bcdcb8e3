package dev.authkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.Outcome;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.FakeClock;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each WorkOS call is one observation (a span with a tracing bridge) with its endpoint and outcome. */
class AuthKitObservationsTest {
    private static final String PASSWORD = "observation-test-cookie-password-0123456789";

    @Test
    void jwksAndRefreshAreObservedWithEndpointAndOutcome() {
        try (FakeWorkOS fake = FakeWorkOS.builder().redirectUri("http://app.test/callback").withDemoData()
                .clock(FakeClock.startingNow()).start()) {
            TestObservationRegistry observations = TestObservationRegistry.create();
            AuthKit authKit = AuthKit.builder(AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey())
                            .cookiePassword(PASSWORD).redirectUri("http://app.test/callback").apiBaseUrl(fake.baseUrl()).build())
                    .clock(fake.clock()).events(AuthKitObservations.of(observations)).build();
            IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
            fake.clock().advance(Duration.ofMinutes(6));
            fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.serverError());
            Outcome o = authKit.handle(Req.get("http://app.test/", "wos-session=" + s.cookieValue(PASSWORD)));
            assertThat(((Outcome.Continue) o).auth().isSignedIn()).isFalse();

            TestObservationRegistryAssert.assertThat(observations).doesNotHaveAnyRemainingCurrentObservation()
                    .doesNotHaveAnyRemainingCurrentScope()
                    .hasNumberOfObservationsWithNameEqualTo(AuthKitObservations.NAME, 2)
                    .hasAnObservation(ob -> ob.hasContextualNameEqualTo("workos jwks")
                            .hasLowCardinalityKeyValue("endpoint", "jwks").hasLowCardinalityKeyValue("outcome", "success")
)
                    .hasAnObservation(ob -> ob.hasContextualNameEqualTo("workos refresh")
                            .hasLowCardinalityKeyValue("endpoint", "refresh")
                            .hasLowCardinalityKeyValue("outcome", "unavailable")
                            .hasHighCardinalityKeyValue("http.status", "503"));
        }
    }
}
