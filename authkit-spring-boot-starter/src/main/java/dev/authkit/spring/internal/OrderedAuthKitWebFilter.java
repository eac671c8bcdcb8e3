package dev.authkit.spring.internal;

import dev.authkit.core.AuthKit;
import dev.authkit.webflux.AuthKitWebFilter;
import org.springframework.core.Ordered;

/**
 * The starter's {@link AuthKitWebFilter}: the same filter, with the place in WebFlux's filter chain
 * that {@code authkit.filter-order} gives it (by default before Spring Security's
 * {@code WebFilterChainProxy}, order {@code -100}, so the session is known when Spring Security runs).
 */
public final class OrderedAuthKitWebFilter extends AuthKitWebFilter implements Ordered {
    private final int order;

    public OrderedAuthKitWebFilter(AuthKit authKit, boolean trustForwardedHeaders, int order) {
        super(authKit, trustForwardedHeaders);
        this.order = order;
    }

    @Override
    public int getOrder() {
        return order;
    }
}
