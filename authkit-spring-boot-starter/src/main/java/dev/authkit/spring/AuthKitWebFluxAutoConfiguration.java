package dev.authkit.spring;

import dev.authkit.core.AuthKit;
import dev.authkit.spring.internal.AuthKitHandlerAdapter;
import dev.authkit.spring.internal.AuthKitWebFluxConfigurer;
import dev.authkit.spring.internal.OrderedAuthKitWebFilter;
import dev.authkit.webflux.AuthKitWebFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.WebFilter;

/**
 * The starter in a reactive (WebFlux) application, with {@code authkit-webflux} on the class path;
 * the same {@code authkit.*} properties and the same {@link AuthKit} bean as in a servlet
 * application ({@link AuthKitAutoConfiguration} builds it, for both stacks):
 * <ul>
 * <li>{@link AuthKitWebFilter} as a {@code WebFilter} bean ({@code authKitWebFilter}), ordered by
 *     {@code authkit.filter-order} (default {@value AuthKitProperties#DEFAULT_FILTER_ORDER}, before
 *     Spring Security's {@code WebFilterChainProxy} at {@code -100}); every {@code AuthKit.handle} runs on a
 *     bounded scheduler, never on the event loop; globs and routes are relative to
 *     {@code spring.webflux.base-path}; unless the application has its own filter bean of that
 *     type or name;</li>
 * <li>{@link dev.authkit.core.Auth} as a WebFlux controller method parameter;</li>
 * <li>{@link RequiresSignIn}, {@link RequiresRecentSignIn} and JSR-250's annotations on WebFlux
 *     controllers, answered by the core exactly as on Spring MVC.</li>
 * </ul>
 * Nothing of this loads in a servlet application, nor without {@code authkit-webflux}; the Spring
 * Security bridge for WebFlux is {@link dev.authkit.spring.security.AuthKitReactiveSecurityAutoConfiguration}.
 */
@AutoConfiguration(after = AuthKitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({AuthKitWebFilter.class, WebFilter.class})
public class AuthKitWebFluxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(value = AuthKitWebFilter.class, name = "authKitWebFilter")
    public OrderedAuthKitWebFilter authKitWebFilter(AuthKit authKit, AuthKitProperties properties) {
        return new OrderedAuthKitWebFilter(authKit, properties.trustForwardedHeaders(), properties.filterOrder());
    }

    /** {@code Auth} parameters and the handler annotations, with WebFlux's annotated controllers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({WebFluxConfigurer.class, HandlerAdapter.class})
    static class AnnotatedControllers {
        @Bean
        AuthKitWebFluxConfigurer authKitWebFluxConfigurer() {
            return new AuthKitWebFluxConfigurer();
        }

        @Bean
        AuthKitHandlerAdapter authKitHandlerAdapter(ObjectProvider<HandlerAdapter> adapters) {
            return new AuthKitHandlerAdapter(adapters);
        }
    }
}
