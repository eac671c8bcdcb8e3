package dev.authkit.spring.security;

import dev.authkit.core.Auth;
import dev.authkit.webflux.AuthKitWebFilter;
import dev.authkit.webflux.WebFluxAuthKit;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * authkit's answers for Spring Security's own decisions in a WebFlux application, the reactive
 * counterparts of {@link AuthKitSecurityHandlers} with the same words:
 * <ul>
 * <li>{@link #signIn()}: a signed-out visitor is sent to authkit's sign-in (page loads) or gets 401 JSON with a
 *     {@code signInUrl}; installed by the bridge by default;</li>
 * <li>{@link #forbidden()}: a signed-in user without the authority gets authkit's 403 (JSON for scripts, a short
 *     page for page loads); plug it in with
 *     {@code http.exceptionHandling(e -> e.accessDeniedHandler(AuthKitReactiveSecurityHandlers.forbidden()))};</li>
 * <li>{@link #bearerAuthenticated()}: exchanges authkit authenticated with an access token, which the bridge
 *     exempts from Spring's CSRF check ({@code authkit.security.csrf-ignores-bearer-requests});</li>
 * <li>{@link #logout()} and {@link #logoutSuccess()}: Spring Security's logout also ends the authkit session,
 *     here and at WorkOS ({@code authkit.security.logout-ends-session}).</li>
 * </ul>
 * Each falls back to Spring's plain status for an exchange {@code AuthKitWebFilter} did not see.
 */
public final class AuthKitReactiveSecurityHandlers {
    static final String LOGOUT_TARGET = AuthKitReactiveSecurityHandlers.class.getName() + ".logoutTarget";

    private AuthKitReactiveSecurityHandlers() {
    }

    /** Sends a signed-out visitor to authkit's sign-in (page loads) or answers 401 JSON (scripts). */
    public static ServerAuthenticationEntryPoint signIn() {
        return (exchange, e) -> WebFluxAuthKit.sawAuthKit(exchange) && !AuthKitWebFilter.auth(exchange).isSignedIn()
                ? WebFluxAuthKit.signInRequired(exchange)
                : status(exchange, HttpStatus.UNAUTHORIZED);
    }

    /** authkit's 403 with {@link AuthKitSecurityHandlers#FORBIDDEN} as the reason. */
    public static ServerAccessDeniedHandler forbidden() {
        return forbidden(AuthKitSecurityHandlers.FORBIDDEN);
    }

    /** authkit's 403 with {@code reason} (one sentence for the user, no secrets). */
    public static ServerAccessDeniedHandler forbidden(String reason) {
        return (exchange, e) -> WebFluxAuthKit.sawAuthKit(exchange) ? WebFluxAuthKit.forbidden(exchange, reason)
                : status(exchange, HttpStatus.FORBIDDEN);
    }

    /** Exchanges that authkit authenticated with {@code Authorization: Bearer <access token>}. */
    public static ServerWebExchangeMatcher bearerAuthenticated() {
        return exchange -> exchange.getAttribute(AuthKitWebFilter.AUTH_ATTRIBUTE) instanceof Auth auth
                && auth.isSignedIn() && auth.isBearer()
                ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    /** Clears the authkit session cookie and remembers WorkOS's logout URL for {@link #logoutSuccess()}. */
    public static ServerLogoutHandler logout() {
        return (filterExchange, authentication) -> {
            ServerWebExchange exchange = filterExchange.getExchange();
            if (!WebFluxAuthKit.sawAuthKit(exchange)) {
                return Mono.empty();
            }
            return WebFluxAuthKit.signOut(exchange, Optional.empty())
                    .doOnNext(target -> exchange.getAttributes().put(LOGOUT_TARGET, target))
                    .then();
        };
    }

    /** Sends the browser (302) to WorkOS's logout (which comes back to the application's root), or to the root. */
    public static ServerLogoutSuccessHandler logoutSuccess() {
        // deferred: Spring Security assembles this before the logout handlers have run
        return (filterExchange, authentication) -> Mono.defer(() -> {
            ServerWebExchange exchange = filterExchange.getExchange();
            String target = exchange.getAttribute(LOGOUT_TARGET) instanceof String t ? t
                    : exchange.getRequest().getPath().contextPath().value() + "/";
            exchange.getResponse().setStatusCode(HttpStatus.FOUND);
            exchange.getResponse().getHeaders().setLocation(URI.create(target));
            return exchange.getResponse().setComplete();
        });
    }

    private static Mono<Void> status(ServerWebExchange exchange, HttpStatus status) {
        exchange.getResponse().setStatusCode(status);
        return exchange.getResponse().setComplete();
    }
}
