package dev.authkit.spring.internal;

import dev.authkit.core.AccessRule;
import dev.authkit.webflux.AuthKitWebFilter;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * WebFlux: {@link dev.authkit.spring.RequiresSignIn} and the other handler annotations
 * ({@link HandlerRules}) checked before an annotated controller method runs, the counterpart of
 * Spring MVC's interceptor. WebFlux has no interceptors, so this adapter stands in front of the
 * others for annotated handler methods only: it asks the core ({@link AuthKitWebFilter#authorize},
 * so the answers are the servlet side's, word for word) and hands an allowed request to the
 * adapter that would have run it ({@code RequestMappingHandlerAdapter}). A refused request gets
 * the core's sign-in redirect, 401 or 403 and no handler call. Each handler's rule is read once.
 */
public final class AuthKitHandlerAdapter implements HandlerAdapter, Ordered {
    private record Key(Class<?> beanType, Method method) {
    }

    private final ObjectProvider<HandlerAdapter> adapters;
    private final Map<Key, Optional<AccessRule>> rules = new ConcurrentHashMap<>();
    private volatile HandlerAdapter next;

    /** @param adapters the application's handler adapters, this one among them */
    public AuthKitHandlerAdapter(ObjectProvider<HandlerAdapter> adapters) {
        this.adapters = adapters;
    }

    /** Before {@code RequestMappingHandlerAdapter}, which has no order. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public boolean supports(Object handler) {
        return handler instanceof HandlerMethod method && rule(method).isPresent();
    }

    @Override
    public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
        HandlerMethod method = (HandlerMethod) handler;
        AccessRule rule = rule(method).orElseThrow();
        return AuthKitWebFilter.authorize(exchange, rule)
                .flatMap(allowed -> allowed ? next(handler).handle(exchange, handler) : Mono.empty());
    }

    private Optional<AccessRule> rule(HandlerMethod method) {
        return rules.computeIfAbsent(new Key(method.getBeanType(), method.getMethod()), k -> HandlerRules.rule(method));
    }

    private HandlerAdapter next(Object handler) {
        HandlerAdapter known = next;
        if (known != null && known.supports(handler)) {
            return known;
        }
        HandlerAdapter found = adapters.orderedStream().filter(a -> a != this && !(a instanceof AuthKitHandlerAdapter) && a.supports(handler))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no handler adapter for " + handler));
        next = found;
        return found;
    }
}
