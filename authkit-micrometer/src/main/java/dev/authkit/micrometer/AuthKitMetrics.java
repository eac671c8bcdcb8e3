package dev.authkit.micrometer;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.CacheStats;
import dev.authkit.core.PathPolicy;
import dev.authkit.core.WorkOSEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * authkit's metrics in a Micrometer {@link MeterRegistry}, from its {@link AuthKitEvent}s:
 *
 * <pre>{@code
 * AuthKitMetrics metrics = AuthKitMetrics.bindTo(registry);
 * AuthKit authKit = AuthKit.builder(config).events(metrics).build();
 * metrics.bindCaches(authKit);   // optional: cache size and hit-ratio gauges
 * }</pre>
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th></tr>
 * <tr><td>{@code authkit.sign.in}</td><td>counter</td><td></td></tr>
 * <tr><td>{@code authkit.sign.out}</td><td>counter</td><td></td></tr>
 * <tr><td>{@code authkit.session.refresh}</td><td>counter</td><td>{@code outcome}: success, shared, transient, terminal, refused</td></tr>
 * <tr><td>{@code authkit.session.revoked}</td><td>counter</td><td></td></tr>
 * <tr><td>{@code authkit.organization.switch}</td><td>counter</td><td></td></tr>
 * <tr><td>{@code authkit.sign.in.required}</td><td>counter</td><td>{@code response}: redirect, unauthorized</td></tr>
 * <tr><td>{@code authkit.path.refused}</td><td>counter</td><td>{@code rule}: the {@link PathPolicy.Rule}, lower case</td></tr>
 * <tr><td>{@code authkit.workos.request}</td><td>timer</td><td>{@code endpoint} ({@link WorkOSEndpoint#tag()}), {@code outcome}: success, refused, unavailable</td></tr>
 * <tr><td>{@code authkit.workos.available}</td><td>gauge</td><td>1 while WorkOS answers, 0 after an unavailable call until one succeeds</td></tr>
 * <tr><td>{@code authkit.session.size}</td><td>distribution summary, bytes</td><td></td></tr>
 * <tr><td>{@code authkit.cache.size}, {@code authkit.cache.hit.ratio}</td><td>gauges ({@link #bindCaches})</td><td>{@code cache}: sessions, tokens</td></tr>
 * </table>
 *
 * <p>Every tag has a handful of values; no user, session or organization id is ever a tag. Every
 * meter is registered up front, so a counter shows 0 before its first event and recording an
 * event allocates nothing. Thread-safe.
 */
public final class AuthKitMetrics implements Consumer<AuthKitEvent> {
    private final MeterRegistry registry;
    private final Counter signIn;
    private final Counter signOut;
    private final Counter refreshSuccess;
    private final Counter refreshShared;
    private final Map<AuthKitEvent.FailureKind, Counter> refreshFailed = new EnumMap<>(AuthKitEvent.FailureKind.class);
    private final Counter revoked;
    private final Counter switched;
    private final Counter signInRedirect;
    private final Counter signInUnauthorized;
    private final Map<PathPolicy.Rule, Counter> pathRefused = new EnumMap<>(PathPolicy.Rule.class);
    private final Map<WorkOSEndpoint, Map<AuthKitEvent.CallResult, Timer>> workos = new EnumMap<>(WorkOSEndpoint.class);
    private final DistributionSummary sessionSize;
    private final AtomicInteger available = new AtomicInteger(1);

    private AuthKitMetrics(MeterRegistry registry) {
        this.registry = registry;
        signIn = Counter.builder("authkit.sign.in").description("Sign-ins completed by the callback").register(registry);
        signOut = Counter.builder("authkit.sign.out").description("Sign-outs of a session").register(registry);
        refreshSuccess = refresh("success");
        refreshShared = refresh("shared");
        for (AuthKitEvent.FailureKind f : AuthKitEvent.FailureKind.values()) {
            refreshFailed.put(f, refresh(lower(f)));
        }
        revoked = Counter.builder("authkit.session.revoked").description("Sessions refused as revoked").register(registry);
        switched = Counter.builder("authkit.organization.switch").description("Sessions moved into another organization")
                .register(registry);
        signInRedirect = signInRequired("redirect");
        signInUnauthorized = signInRequired("unauthorized");
        for (PathPolicy.Rule r : PathPolicy.Rule.values()) {
            pathRefused.put(r, Counter.builder("authkit.path.refused").description("Ambiguous request paths refused with 400")
                    .tag("rule", lower(r)).register(registry));
        }
        for (WorkOSEndpoint e : WorkOSEndpoint.values()) {
            Map<AuthKitEvent.CallResult, Timer> byResult = new EnumMap<>(AuthKitEvent.CallResult.class);
            for (AuthKitEvent.CallResult r : AuthKitEvent.CallResult.values()) {
                byResult.put(r, Timer.builder("authkit.workos.request").description("Calls to WorkOS")
                        .tag("endpoint", e.tag()).tag("outcome", lower(r)).register(registry));
            }
            workos.put(e, byResult);
        }
        Gauge.builder("authkit.workos.available", available, AtomicInteger::get)
                .description("1 while WorkOS answers, 0 from an unavailable call until one succeeds").register(registry);
        sessionSize = DistributionSummary.builder("authkit.session.size").baseUnit("bytes")
                .description("Size of the session cookies written").register(registry);
    }

    /** Registers authkit's meters in {@code registry}; pass the result to {@code AuthKit.Builder.events(..)}. */
    public static AuthKitMetrics bindTo(MeterRegistry registry) {
        return new AuthKitMetrics(Objects.requireNonNull(registry, "registry"));
    }

    /** Adds gauges for the size and hit ratio of {@code authKit}'s caches ({@link AuthKit#caches()}). */
    public AuthKitMetrics bindCaches(AuthKit authKit) {
        return bindCaches(authKit.caches());
    }

    /** Adds gauges {@code authkit.cache.size} and {@code authkit.cache.hit.ratio}, tagged with each cache's name. */
    public AuthKitMetrics bindCaches(Map<String, CacheStats> caches) {
        caches.forEach((name, stats) -> {
            Gauge.builder("authkit.cache.size", stats, CacheStats::size).tag("cache", name)
                    .description("Entries held by an authkit cache").strongReference(true).register(registry);
            Gauge.builder("authkit.cache.hit.ratio", stats, CacheStats::hitRatio).tag("cache", name)
                    .description("Share of lookups an authkit cache answered").strongReference(true).register(registry);
        });
        return this;
    }

    @Override
    public void accept(AuthKitEvent event) {
        if (event instanceof AuthKitEvent.WorkOSCall c) {
            workos.get(c.endpoint()).get(c.result()).record(c.duration().toNanos(), TimeUnit.NANOSECONDS);
        } else if (event instanceof AuthKitEvent.SessionRefreshed) {
            refreshSuccess.increment();
        } else if (event instanceof AuthKitEvent.RefreshShared) {
            refreshShared.increment();
        } else if (event instanceof AuthKitEvent.RefreshFailed f) {
            refreshFailed.get(f.failure()).increment();
        } else if (event instanceof AuthKitEvent.SessionSize s) {
            sessionSize.record(s.bytes());
        } else if (event instanceof AuthKitEvent.SignedIn) {
            signIn.increment();
        } else if (event instanceof AuthKitEvent.SignedOut) {
            signOut.increment();
        } else if (event instanceof AuthKitEvent.SessionRevoked) {
            revoked.increment();
        } else if (event instanceof AuthKitEvent.OrganizationSwitched) {
            switched.increment();
        } else if (event instanceof AuthKitEvent.SignInRequired r) {
            (r.redirected() ? signInRedirect : signInUnauthorized).increment();
        } else if (event instanceof AuthKitEvent.PathRefused p) {
            pathRefused.get(p.rule()).increment();
        } else if (event instanceof AuthKitEvent.WorkOSUnavailable) {
            available.set(0);
        } else if (event instanceof AuthKitEvent.WorkOSRecovered) {
            available.set(1);
        }
    }

    private Counter refresh(String outcome) {
        return Counter.builder("authkit.session.refresh").description("Session refreshes by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter signInRequired(String response) {
        return Counter.builder("authkit.sign.in.required").description("Requests that needed a signed-in user and had none")
                .tag("response", response).register(registry);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
