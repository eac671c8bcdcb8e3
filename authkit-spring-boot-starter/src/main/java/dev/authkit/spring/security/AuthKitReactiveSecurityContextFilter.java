package dev.authkit.spring.security;

import dev.authkit.core.Auth;
import dev.authkit.webflux.AuthKitWebFilter;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Inside Spring Security's reactive chain (right after its {@code ReactorContextWebFilter}): puts
 * the {@link Auth} that {@link AuthKitWebFilter} decided into the Reactor context's
 * {@code SecurityContext} ({@link ReactiveSecurityContextHolder}) when someone is signed in and
 * nothing else authenticated the exchange, and takes out an authkit authentication that authkit no
 * longer vouches for. The counterpart of {@link AuthKitSecurityContextFilter}; nothing is stored in a
 * {@code WebSession}: the cookie stays the only session.
 */
final class AuthKitReactiveSecurityContextFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!(exchange.getAttribute(AuthKitWebFilter.AUTH_ATTRIBUTE) instanceof Auth auth)) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> Optional.ofNullable(context.getAuthentication()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(current -> {
                    Authentication present = current.orElse(null);
                    // an AuthKitAuthentication kept by a ServerSecurityContextRepository (in the WebSession)
                    // never outlives authkit's decision for this exchange
                    boolean replaceable = present == null || present instanceof AnonymousAuthenticationToken
                            || present instanceof AuthKitAuthentication;
                    if (replaceable && auth.isSignedIn()) {
                        SecurityContext context = new SecurityContextImpl(new AuthKitAuthentication(auth));
                        return chain.filter(exchange)
                                .contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(context)));
                    }
                    if (present instanceof AuthKitAuthentication) {
                        return chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder.clearContext());
                    }
                    return chain.filter(exchange);
                });
    }
}
