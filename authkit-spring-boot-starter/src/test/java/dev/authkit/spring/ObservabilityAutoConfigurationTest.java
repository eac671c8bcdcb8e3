package dev.authkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.spring.internal.AuthKitHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The observability auto-configuration switches on with its classes and beans, and stays out of the way without them. */
class ObservabilityAutoConfigurationTest {
    final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AuthKitObservabilityAutoConfiguration.class, AuthKitAutoConfiguration.class))
            .withPropertyValues("authkit.client-id=client_x", "authkit.api-key=sk_x",
                    "authkit.cookie-password=observability-test-password-0123456789",
                    "authkit.redirect-uri=http://localhost:8080/callback");

    @Test
    void withARegistryTheMetersAndTheCacheGaugesAreBound() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(AuthKit.class).hasSingleBean(AuthKitHealthIndicator.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("authkit.sign.in").counter().count()).isZero();
            assertThat(registry.get("authkit.cache.size").tag("cache", "tokens").gauge()).isNotNull();
        });
    }

    @Test
    void withoutMicrometerOrActuatorAuthKitIsUnaffected() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer", "org.springframework.boot.health", "dev.authkit.micrometer"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(AuthKit.class)
                            .doesNotHaveBean(AuthKitHealthIndicator.class)
                            .doesNotHaveBean("authKitMetricsCustomizer");
                });
    }

    @Test
    void theHealthContributorCanBeTurnedOff() {
        runner.withPropertyValues("authkit.health.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AuthKitHealthIndicator.class));
    }
}
