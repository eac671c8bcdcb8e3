package dev.authkit.spring.internal;

import dev.authkit.core.Auth;
import dev.authkit.webflux.AuthKitWebFilter;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** WebFlux: {@link Auth} as a controller method parameter. */
public final class AuthKitWebFluxConfigurer implements WebFluxConfigurer {

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new AuthArgumentResolver());
    }

    /**
     * An {@code Auth} parameter is the exchange's {@link Auth} ({@link Auth#signedOut()} when nobody
     * is signed in); an error when {@link AuthKitWebFilter} did not decide the exchange, as in the
     * servlet adapter.
     */
    static final class AuthArgumentResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Auth.class;
        }

        @Override
        public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
            if (exchange.getAttribute(AuthKitWebFilter.AUTH_ATTRIBUTE) instanceof Auth auth) {
                return Mono.just(auth);
            }
            return Mono.error(new IllegalStateException("an Auth parameter was asked for " + exchange.getRequest().getPath()
                    + ", which AuthKitWebFilter did not decide: it must be a WebFilter in front of the handler"));
        }
    }
}
