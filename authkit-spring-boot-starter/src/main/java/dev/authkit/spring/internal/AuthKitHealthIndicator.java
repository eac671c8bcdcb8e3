package dev.authkit.spring.internal;

import dev.authkit.core.RefreshCoordination;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code authkit} health contributor: DOWN while WorkOS does not answer (as
 * {@link WorkOSReachability} sees it: recent calls, else a cached JWKS probe) or while the refresh
 * coordination reports its Redis disconnected. Details: WorkOS's last answer, the API base URL,
 * the coordination in use (its class) and whether its Redis is connected. No secret.
 */
public final class AuthKitHealthIndicator implements HealthIndicator {
    private final WorkOSReachability workos;
    private final Supplier<String> apiBaseUrl;
    private final Optional<RefreshCoordination> coordination;

    public AuthKitHealthIndicator(WorkOSReachability workos, Supplier<String> apiBaseUrl, Optional<RefreshCoordination> coordination) {
        this.workos = workos;
        this.apiBaseUrl = apiBaseUrl;
        this.coordination = coordination;
    }

    @Override
    public Health health() {
        WorkOSReachability.Observation o = workos.current();
        var details = WorkOSReachability.details(o, workos.unreachableSince());
        details.put("apiBaseUrl", apiBaseUrl.get());
        Optional<Boolean> redis = coordination.flatMap(AuthKitHealthIndicator::connected);
        Health.Builder health = o.reachable() && redis.orElse(true) ? Health.up() : Health.down();
        health.withDetail("workos", details);
        coordination.ifPresent(c -> health.withDetail("refreshCoordination", c.getClass().getSimpleName()));
        redis.ifPresent(r -> health.withDetail("redis", r ? "connected" : "disconnected"));
        return health.build();
    }

    /**
     * {@code isConnected()} of a coordination that has one ({@code RedisRefreshCoordination} does),
     * read by reflection so that the starter needs no Redis client on the class path.
     */
    static Optional<Boolean> connected(RefreshCoordination c) {
        try {
            Method m = c.getClass().getMethod("isConnected");
            return m.getReturnType() == boolean.class ? Optional.of((Boolean) m.invoke(c)) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
