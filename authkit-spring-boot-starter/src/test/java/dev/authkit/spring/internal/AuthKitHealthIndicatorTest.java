package dev.authkit.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.core.WorkOSEndpoint;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The health contributor's sources: recent calls first, else a JWKS probe kept for its interval; Redis's state. */
class AuthKitHealthIndicatorTest {
    private HttpServer jwks;
    private final AtomicInteger probes = new AtomicInteger();
    private volatile int status = 200;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void start() throws Exception {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/sso/jwks/client_x", exchange -> {
            probes.incrementAndGet();
            byte[] body = "{\"keys\":[]}".getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
    }

    @AfterEach
    void stop() {
        jwks.stop(0);
    }

    private WorkOSReachability reachability() {
        Supplier<URI> url = () -> URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/sso/jwks/client_x");
        return new WorkOSReachability(url, Duration.ofSeconds(30), clock);
    }

    @Test
    void theProbeIsKeptForItsIntervalSoHealthChecksDoNotCallWorkOSEachTime() {
        WorkOSReachability r = reachability();
        AuthKitHealthIndicator health = new AuthKitHealthIndicator(r, () -> "https://api.workos.com", Optional.empty());
        for (int i = 0; i < 10; i++) {
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        }
        assertThat(probes).hasValue(1);
        status = 503;
        now = now.plusSeconds(31);
        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(probes).hasValue(2);
        assertThat(down.getDetails().toString()).contains("jwks probe").contains("unreachableSince");
    }

    @Test
    void aRecentCallAnswersWithoutAProbe() {
        WorkOSReachability r = reachability();
        AuthKitHealthIndicator health = new AuthKitHealthIndicator(r, () -> "https://api.workos.com", Optional.empty());
        r.accept(new AuthKitEvent.WorkOSCall(now, WorkOSEndpoint.REFRESH, AuthKitEvent.CallResult.UNAVAILABLE, Duration.ZERO, 503));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        r.accept(new AuthKitEvent.WorkOSCall(now, WorkOSEndpoint.REFRESH, AuthKitEvent.CallResult.REFUSED, Duration.ZERO, 400));
        assertThat(health.health().getStatus()).as("WorkOS answered, if with a refusal").isEqualTo(Status.UP);
        assertThat(probes).hasValue(0);
    }

    /** Like authkit-redis's coordination: a public isConnected(). */
    public static final class FakeRedisCoordination implements RefreshCoordination {
        volatile boolean connected;

        public boolean isConnected() {
            return connected;
        }

        @Override
        public Optional<String> refresh(String key, Duration gracePeriod, Supplier<Optional<String>> exchange) {
            return exchange.get();
        }
    }

    @Test
    void aDisconnectedRedisIsDown() {
        WorkOSReachability r = reachability();
        FakeRedisCoordination redis = new FakeRedisCoordination();
        AuthKitHealthIndicator health = new AuthKitHealthIndicator(r, () -> "https://api.workos.com", Optional.of(redis));
        r.accept(new AuthKitEvent.WorkOSCall(now, WorkOSEndpoint.JWKS, AuthKitEvent.CallResult.SUCCESS, Duration.ZERO, 200));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("redis", "disconnected");
        redis.connected = true;
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("redis", "connected")
                .containsEntry("refreshCoordination", "FakeRedisCoordination");
    }
}
