package dev.authkit.examples.gateway;

import dev.authkit.core.Auth;
import dev.authkit.webflux.AuthKitWebFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway filter of every proxied route: the downstream service gets the signed-in user's
 * WorkOS access token as {@code Authorization: Bearer <token>} and never the session cookie.
 *
 * <p>It does not refresh by itself, and need not: {@link AuthKitWebFilter} runs in front of the
 * gateway and has resolved the request's session already, refreshing it first when its token was
 * due (inside the refresh buffer or expired). All concurrent requests of one stale session share
 * that one refresh (the core's {@code RefreshCoordination}; in-process by default, Redis across
 * gateway instances), so the token relayed here is the refreshed one and WorkOS sees one refresh
 * per session, however many requests were in flight. A signed-out request is not relayed with a
 * token: route protection answered it before this filter (401 for scripts, a sign-in redirect for
 * pages), and an {@code Authorization} header a client sent itself is removed, so that the gateway
 * never forwards a credential it did not issue.
 */
public final class BearerRelay implements GlobalFilter, Ordered {
    private final String cookieName;

    /** @param cookieName the session cookie's name ({@code wos-session}), kept from the downstream with its chunks */
    public BearerRelay(String cookieName) {
        this.cookieName = cookieName;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Auth auth = AuthKitWebFilter.auth(exchange);
        Optional<String> token = auth.accessToken();
        ServerWebExchange relayed = exchange.mutate().request(r -> r.headers(h -> {
            h.remove(HttpHeaders.AUTHORIZATION);
            token.ifPresent(h::setBearerAuth);
            withoutSessionCookies(h);
        })).build();
        return chain.filter(relayed);
    }

    /** Drops the session cookie (and its chunks {@code <name>.0}, ...) from the {@code Cookie} header. */
    private void withoutSessionCookies(HttpHeaders headers) {
        List<String> lines = headers.get(HttpHeaders.COOKIE);
        if (lines == null) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            for (String pair : line.split(";")) {
                String name = pair.trim();
                int eq = name.indexOf('=');
                name = eq < 0 ? name : name.substring(0, eq);
                if (!name.isEmpty() && !name.equals(cookieName) && !name.startsWith(cookieName + ".")) {
                    kept.add(pair.trim());
                }
            }
        }
        headers.remove(HttpHeaders.COOKIE);
        if (!kept.isEmpty()) {
            headers.set(HttpHeaders.COOKIE, String.join("; ", kept));
        }
    }

    /** Before the routing filters (which send the request on), after nothing in particular. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
