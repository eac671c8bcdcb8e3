package dev.authkit.spring.security;

import dev.authkit.spring.AuthKitProperties;
import dev.authkit.spring.AuthKitWebFluxAutoConfiguration;
import dev.authkit.webflux.AuthKitWebFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import reactor.core.publisher.Mono;

/**
 * The Spring Security bridge in a WebFlux application (Spring Security and {@code authkit-webflux}
 * on the class path), the reactive counterpart of {@link AuthKitSecurityAutoConfiguration}: every
 * {@code SecurityWebFilterChain} built from Spring's {@code ServerHttpSecurity} (Spring Boot's
 * default one and the application's own) learns the authkit session. A signed-in exchange's
 * {@code Authentication} in {@code ReactiveSecurityContextHolder} is an {@link AuthKitAuthentication}
 * (principal the WorkOS user id, authorities its roles as {@code ROLE_<role>} and its permissions, the
 * same mapping as on the servlet side), so {@code authorizeExchange(..)}, {@code @PreAuthorize} (with
 * {@code @EnableReactiveMethodSecurity}) and {@code @AuthenticationPrincipal} work; a signed-out
 * visitor Spring Security turns away is sent to authkit's sign-in (page loads) or gets 401 JSON.
 * Requests authenticated by an access token skip Spring's CSRF check, and Spring Security's own
 * logout also ends the authkit session (both on by default, see {@link AuthKitProperties.Security}).
 *
 * <p>authkit's own routes (sign-in, callback, sign-out, {@code /auth/api}, the browser client) are
 * answered by {@code AuthKitWebFilter}, which runs before Spring Security's chain
 * ({@code authkit.filter-order}), so Spring's CSRF and authorization rules never see them.
 */
@AutoConfiguration(after = AuthKitWebFluxAutoConfiguration.class,
        beforeName = "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ServerHttpSecurity.class, SecurityWebFilterChain.class, AuthKitWebFilter.class})
public class AuthKitReactiveSecurityAutoConfiguration {

    /**
     * Vouches for {@link AuthKitAuthentication}s (authkit verified the session) and turns away every
     * other credential with a 401 (not a 500); being an authentication manager, it also keeps Spring
     * Boot from creating a user with a generated password. Not created when the application has its
     * own manager or user details service.
     */
    @Bean
    @ConditionalOnMissingBean({ReactiveAuthenticationManager.class, ReactiveUserDetailsService.class})
    public ReactiveAuthenticationManager authKitReactiveAuthenticationManager() {
        return authentication -> authentication instanceof AuthKitAuthentication ? Mono.just(authentication)
                : Mono.error(new BadCredentialsException("authkit signs users in; other credentials are not accepted"));
    }

    /**
     * Applied by Spring Security to each {@code ServerHttpSecurity} before the application configures
     * it (the application's own calls come after, and win): the session as the exchange's
     * {@code Authentication}; authkit's sign-in for signed-out visitors; exchanges authenticated by an
     * access token exempt from CSRF; and Spring Security's logout ending the authkit session.
     */
    @Bean
    public Customizer<ServerHttpSecurity> authKitServerHttpSecurityCustomizer(AuthKitProperties properties) {
        AuthKitProperties.Security settings = properties.security();
        return http -> {
            http.addFilterAfter(new AuthKitReactiveSecurityContextFilter(), SecurityWebFiltersOrder.REACTOR_CONTEXT)
                    .exceptionHandling(e -> e.authenticationEntryPoint(AuthKitReactiveSecurityHandlers.signIn()));
            if (settings.csrfIgnoresBearerRequests()) {
                http.csrf(c -> c.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
                        new NegatedServerWebExchangeMatcher(AuthKitReactiveSecurityHandlers.bearerAuthenticated()))));
            }
            if (settings.logoutEndsSession()) {
                http.logout(l -> l.logoutHandler(handlers -> handlers.add(AuthKitReactiveSecurityHandlers.logout()))
                        .logoutSuccessHandler(AuthKitReactiveSecurityHandlers.logoutSuccess()));
            }
        };
    }
}
