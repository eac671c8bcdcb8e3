package dev.authkit.spring;

import dev.authkit.core.AuthKit;

/**
 * A bean of this type adjusts the auto-configured {@link AuthKit} beyond what properties can say:
 * refresh callbacks, a clock, a WorkOS client or cookie sealer of your own, refresh coordination.
 * Applied in {@code @Order} after the properties. Not used when the application defines its own
 * {@code AuthKit} bean.
 *
 * <pre>{@code
 * @Bean
 * AuthKitBuilderCustomizer refreshMetrics(MeterRegistry registry) {
 *     return builder -> builder.onSessionRefreshSuccess(e -> registry.counter("authkit.refresh").increment());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface AuthKitBuilderCustomizer {
    void customize(AuthKit.Builder builder);
}
