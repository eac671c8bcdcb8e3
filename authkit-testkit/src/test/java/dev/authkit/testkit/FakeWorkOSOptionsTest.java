package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FakeWorkOSOptionsTest {
    @Test
    void withoutAClockTheFakeFollowsRealTimeAndIssuesFreshTokens() {
        try (FakeWorkOS fake = FakeWorkOS.builder().withDemoData().start()) {
            Instant first = fake.clock().instant();
            FakeClockTest.waitForTheSystemClockToMove();
            assertThat(fake.clock().instant()).as("the fake's default clock is not frozen at start").isAfter(first);

            // a test may still move it, and reset() brings it back to real time
            fake.clock().advance(Duration.ofHours(3));
            Instant before = Instant.now();
            IssuedSession later = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
            assertThat(issuedAt(later.accessToken()))
                    .isGreaterThanOrEqualTo(before.plus(Duration.ofHours(3)).getEpochSecond());
            fake.reset();
            Instant afterReset = fake.clock().instant();
            assertThat(afterReset).isBetween(before, Instant.now());
        }
    }

    private static long issuedAt(String jwt) {
        try {
            byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
            return new ObjectMapper().readTree(payload).get("iat").asLong();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aGivenClockStaysUnderTheTestsControl() {
        FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (FakeWorkOS fake = FakeWorkOS.builder().clock(clock).start()) {
            FakeClockTest.waitForTheSystemClockToMove();
            assertThat(fake.clock().instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
            fake.clock().advance(Duration.ofMinutes(1));
            fake.reset();
            assertThat(fake.clock().instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        }
    }

    @Test
    void aStartedFakeNoLongerReadsItsBuilder() {
        FakeWorkOS.Builder builder = FakeWorkOS.builder().clientId("client_one")
                .accessTokenLifetime(Duration.ofSeconds(30)).redirectUri("http://localhost:8080/callback");
        try (FakeWorkOS fake = builder.start()) {
            builder.clientId("client_two").accessTokenLifetime(Duration.ofHours(1))
                    .redirectUri("http://localhost:9999/elsewhere").withDemoData();
            assertThat(fake.clientId()).isEqualTo("client_one");
            assertThat(fake.accessTokenLifetime()).isEqualTo(Duration.ofSeconds(30));
            String authorize = fake.baseUrl() + "/user_management/authorize?client_id=client_one&response_type=code"
                    + "&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Felsewhere";
            assertThat(Browser.get(authorize).statusCode()).as("a redirect URI added after start").isEqualTo(400);
            fake.reset();
            assertThat(fake.users()).as("demo data asked for after start is not seeded").isEmpty();
        }
    }
}
