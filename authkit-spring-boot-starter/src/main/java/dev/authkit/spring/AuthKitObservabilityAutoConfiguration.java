package dev.authkit.spring;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.micrometer.AuthKitMetrics;
import dev.authkit.micrometer.AuthKitObservations;
import dev.authkit.spring.internal.AuthKitHealthIndicator;
import dev.authkit.spring.internal.WorkOSReachability;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Metrics, traces and health, each only when its classes are on the class path (all optional
 * dependencies of the starter, so an application without them is unaffected):
 * <ul>
 * <li>with Micrometer and {@code authkit-micrometer}: {@link AuthKitMetrics} bound to the
 *     application's {@link MeterRegistry} (with the cache gauges), and {@link AuthKitObservations}
 *     on its {@link ObservationRegistry}, so a tracing bridge sees WorkOS calls as spans;</li>
 * <li>with Actuator's health support: the {@code authkit} health contributor (WorkOS reachable,
 *     from recent calls and a JWKS probe kept {@code authkit.health.probe-interval}, default 30 s;
 *     Redis connected when the refresh coordination has one). {@code authkit.health.enabled=false}
 *     turns it off.</li>
 * </ul>
 * They apply to the {@link AuthKit} the starter builds (through {@link AuthKitBuilderCustomizer}s);
 * an application's own {@code AuthKit} bean adds {@code AuthKitMetrics} itself.
 */
@AutoConfiguration(before = AuthKitAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
public class AuthKitObservabilityAutoConfiguration {

    /** Metrics and observations, with Micrometer and authkit-micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, AuthKitMetrics.class})
    static class MetricsConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "authKitMetricsCustomizer")
        AuthKitBuilderCustomizer authKitMetricsCustomizer(ObjectProvider<MeterRegistry> meters,
                                                         ObjectProvider<ObservationRegistry> observations,
                                                         ObjectProvider<AuthKitMetricsHolder> holder) {
            return b -> {
                meters.ifAvailable(r -> {
                    AuthKitMetrics metrics = AuthKitMetrics.bindTo(r);
                    holder.ifAvailable(h -> h.metrics = metrics);
                    b.events(metrics);
                });
                observations.ifAvailable(o -> b.events(AuthKitObservations.of(o)));
            };
        }

        @Bean
        AuthKitMetricsHolder authKitMetricsHolder() {
            return new AuthKitMetricsHolder();
        }

        /** The cache gauges, once the {@code AuthKit} exists. */
        @Bean
        SmartInitializingSingleton authKitCacheGauges(AuthKitMetricsHolder holder, ObjectProvider<AuthKit> authKit) {
            return () -> {
                if (holder.metrics != null) {
                    authKit.ifAvailable(holder.metrics::bindCaches);
                }
            };
        }
    }

    /** The metrics listener the customizer made, for the cache gauges bound after the {@code AuthKit} is built. */
    static final class AuthKitMetricsHolder {
        volatile AuthKitMetrics metrics;
    }

    /** The {@code authkit} health contributor, with Actuator's health support. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnProperty(name = "authkit.health.enabled", matchIfMissing = true)
    static class HealthConfiguration {
        @Bean
        WorkOSReachability authKitWorkOSReachability(ObjectProvider<AuthKit> authKit, Environment environment) {
            // the JWKS URL is read from the AuthKit when the first probe is due, not while it is being built
            return new WorkOSReachability(() -> jwksOf(authKit.getObject().config()), environment.getProperty(
                    "authkit.health.probe-interval", Duration.class, Duration.ofSeconds(30)), Clock.systemUTC());
        }

        private static URI jwksOf(AuthKitConfig config) {
            return URI.create(config.apiBaseUrl() + "/sso/jwks/" + config.clientId());
        }

        @Bean
        AuthKitBuilderCustomizer authKitHealthCustomizer(WorkOSReachability reachability) {
            return b -> b.events(reachability);
        }

        @Bean
        AuthKitHealthIndicator authkitHealthIndicator(WorkOSReachability reachability, ObjectProvider<AuthKit> authKit,
                                                      ObjectProvider<RefreshCoordination> coordination) {
            return new AuthKitHealthIndicator(reachability, () -> authKit.getObject().config().apiBaseUrl().toString(),
                    Optional.ofNullable(coordination.getIfAvailable()));
        }
    }
}
