package dev.authkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.AuthKitEvent.CallResult;
import dev.authkit.core.AuthKitEvent.FailureKind;
import dev.authkit.core.CacheStats;
import dev.authkit.core.PathPolicy;
import dev.authkit.core.WorkOSEndpoint;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every meter of {@link AuthKitMetrics} in a {@link SimpleMeterRegistry}, one event type at a time. */
class AuthKitMetricsTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AuthKitMetrics metrics = AuthKitMetrics.bindTo(registry);

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void everyCounterStartsAtZeroAndCountsItsEvent() {
        assertThat(count("authkit.sign.in")).isZero();
        assertThat(count("authkit.session.refresh", "outcome", "shared")).isZero();

        metrics.accept(new AuthKitEvent.SignedIn(T, "user_1", Optional.of("session_1"), Optional.empty()));
        metrics.accept(new AuthKitEvent.SignedIn(T, "user_2", Optional.empty(), Optional.of("org_1")));
        metrics.accept(new AuthKitEvent.SignedOut(T, Optional.of("user_1"), Optional.empty()));
        metrics.accept(new AuthKitEvent.SessionRefreshed(T, Duration.ofMillis(5), "user_1", Optional.empty(), Optional.empty()));
        for (int i = 0; i < 9; i++) {
            metrics.accept(new AuthKitEvent.RefreshShared(T, "user_1", Optional.empty(), Optional.empty()));
        }
        metrics.accept(new AuthKitEvent.RefreshFailed(T, Duration.ZERO, "user_1", Optional.empty(), FailureKind.TRANSIENT, "HTTP 503"));
        metrics.accept(new AuthKitEvent.RefreshFailed(T, Duration.ZERO, "user_1", Optional.empty(), FailureKind.TERMINAL, "HTTP 400 invalid_grant"));
        metrics.accept(new AuthKitEvent.RefreshFailed(T, Duration.ZERO, "user_1", Optional.empty(), FailureKind.TERMINAL, "HTTP 400 invalid_grant"));
        metrics.accept(new AuthKitEvent.RefreshFailed(T, Duration.ZERO, "user_1", Optional.empty(), FailureKind.REFUSED, "HTTP 403"));
        metrics.accept(new AuthKitEvent.SessionRevoked(T, Optional.of("user_1"), Optional.of("session_1"), "revoked"));
        metrics.accept(new AuthKitEvent.OrganizationSwitched(T, "user_1", Optional.empty(), Optional.of("org_1"), "org_2"));
        metrics.accept(new AuthKitEvent.SignInRequired(T, "/admin", true));
        metrics.accept(new AuthKitEvent.SignInRequired(T, "/api", false));
        metrics.accept(new AuthKitEvent.SignInRequired(T, "/api", false));
        metrics.accept(new AuthKitEvent.PathRefused(T, PathPolicy.Rule.values()[0]));

        assertThat(count("authkit.sign.in")).isEqualTo(2);
        assertThat(count("authkit.sign.out")).isEqualTo(1);
        assertThat(count("authkit.session.refresh", "outcome", "success")).isEqualTo(1);
        assertThat(count("authkit.session.refresh", "outcome", "shared")).isEqualTo(9);
        assertThat(count("authkit.session.refresh", "outcome", "transient")).isEqualTo(1);
        assertThat(count("authkit.session.refresh", "outcome", "terminal")).isEqualTo(2);
        assertThat(count("authkit.session.refresh", "outcome", "refused")).isEqualTo(1);
        assertThat(count("authkit.session.revoked")).isEqualTo(1);
        assertThat(count("authkit.organization.switch")).isEqualTo(1);
        assertThat(count("authkit.sign.in.required", "response", "redirect")).isEqualTo(1);
        assertThat(count("authkit.sign.in.required", "response", "unauthorized")).isEqualTo(2);
        assertThat(count("authkit.path.refused", "rule", PathPolicy.Rule.values()[0].name().toLowerCase(java.util.Locale.ROOT)))
                .isEqualTo(1);
    }

    @Test
    void workosCallsAreTimedByEndpointAndOutcome() {
        metrics.accept(new AuthKitEvent.WorkOSCall(T, WorkOSEndpoint.REFRESH, CallResult.SUCCESS, Duration.ofMillis(40), 200));
        metrics.accept(new AuthKitEvent.WorkOSCall(T, WorkOSEndpoint.REFRESH, CallResult.SUCCESS, Duration.ofMillis(60), 200));
        metrics.accept(new AuthKitEvent.WorkOSCall(T, WorkOSEndpoint.JWKS, CallResult.UNAVAILABLE, Duration.ofSeconds(2), 0));
        var refresh = registry.get("authkit.workos.request").tags("endpoint", "refresh", "outcome", "success").timer();
        assertThat(refresh.count()).isEqualTo(2);
        assertThat(refresh.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(100);
        assertThat(registry.get("authkit.workos.request").tags("endpoint", "jwks", "outcome", "unavailable").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("authkit.workos.request").timers()).as("5 endpoints x 3 outcomes, registered up front")
                .hasSize(15);
    }

    @Test
    void availabilityGaugeFollowsUnavailableAndRecovered() {
        var gauge = registry.get("authkit.workos.available").gauge();
        assertThat(gauge.value()).isEqualTo(1);
        metrics.accept(new AuthKitEvent.WorkOSUnavailable(T, WorkOSEndpoint.REFRESH, "HTTP 503"));
        assertThat(gauge.value()).isZero();
        metrics.accept(new AuthKitEvent.WorkOSRecovered(T, Duration.ofSeconds(30), WorkOSEndpoint.JWKS));
        assertThat(gauge.value()).isEqualTo(1);
    }

    @Test
    void sessionSizesAreADistributionInBytes() {
        metrics.accept(new AuthKitEvent.SessionSize(T, "user_1", 1200));
        metrics.accept(new AuthKitEvent.SessionSize(T, "user_2", 3000));
        var summary = registry.get("authkit.session.size").summary();
        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.totalAmount()).isEqualTo(4200);
        assertThat(summary.max()).isEqualTo(3000);
        assertThat(summary.getId().getBaseUnit()).isEqualTo("bytes");
    }

    @Test
    void cacheGaugesReadTheLiveStats() {
        long[] hits = {3};
        CacheStats stats = new CacheStats() {
            public long size() {
                return 7;
            }

            public long capacity() {
                return 10;
            }

            public long hits() {
                return hits[0];
            }

            public long misses() {
                return 1;
            }
        };
        metrics.bindCaches(Map.of("sessions", stats));
        assertThat(registry.get("authkit.cache.size").tag("cache", "sessions").gauge().value()).isEqualTo(7);
        assertThat(registry.get("authkit.cache.hit.ratio").tag("cache", "sessions").gauge().value()).isEqualTo(0.75);
        hits[0] = 9;
        assertThat(registry.get("authkit.cache.hit.ratio").tag("cache", "sessions").gauge().value()).isEqualTo(0.9);
    }

    @Test
    void noTagCarriesAnIdentifier() {
        metrics.accept(new AuthKitEvent.SignedIn(T, "user_secretish", Optional.of("session_x"), Optional.of("org_x")));
        metrics.accept(new AuthKitEvent.OrganizationSwitched(T, "user_secretish", Optional.of("session_x"), Optional.empty(), "org_y"));
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getTags()).allSatisfy(t -> assertThat(t.getValue())
                    .doesNotContain("user_").doesNotContain("session_").doesNotContain("org_"));
        }
    }
}
