package dev.authkit.webflux;

import dev.authkit.core.AccessRule;
import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The core's answers for an exchange {@link AuthKitWebFilter} decided, for code that runs behind the
 * filter and makes a decision of its own (a Spring Security entry point or access-denied handler, a
 * logout): the same sign-in redirect, 401 and 403 as the filter's, written to the exchange's
 * response. The reactive counterpart of the servlet adapter's {@code ServletAuthKit}.
 */
public final class WebFluxAuthKit {
    private WebFluxAuthKit() {
    }

    /** Whether {@link AuthKitWebFilter} decided this exchange (its {@link Auth} is in the attributes). */
    public static boolean sawAuthKit(ServerWebExchange exchange) {
        return exchange.getAttribute(AuthKitWebFilter.AUTH_ATTRIBUTE) instanceof Auth
                && exchange.getAttribute(AuthKitWebFilter.FILTER_ATTRIBUTE) instanceof AuthKitWebFilter;
    }

    /**
     * The guard for functional endpoints, the counterpart of the annotations on controllers: a
     * {@code RouterFunction}'s handler runs only when {@code rule} allows the request; otherwise the
     * core answers as it does everywhere (a page load to sign-in and back, a script 401 JSON, a
     * missing role or permission 403, a stale sign-in a step-up) and the handler is not called.
     * <pre>{@code
     * RouterFunctions.route(GET("/admin/users"), handler::users)
     *         .filter(WebFluxAuthKit.require(AccessRule.anyRole("admin")));
     * }</pre>
     * The decision reads only the {@link Auth} the filter resolved, so it never blocks. A request
     * that {@link AuthKitWebFilter} did not decide fails with {@link IllegalStateException} rather
     * than being let through.
     */
    public static HandlerFilterFunction<ServerResponse, ServerResponse> require(AccessRule rule) {
        Objects.requireNonNull(rule, "rule");
        return (request, next) -> AuthKitWebFilter.authorize(request.exchange(), rule)
                .flatMap(allowed -> allowed ? next.handle(request) : Mono.empty());
    }

    /**
     * Answers with the core's {@link AuthKit#signInRequired} decision: a page load is sent to sign
     * in and back to this request, a script gets 401 JSON with a {@code signInUrl}.
     *
     * @throws IllegalStateException (in the {@code Mono}) when the filter did not decide this exchange
     */
    public static Mono<Void> signInRequired(ServerWebExchange exchange) {
        return answer(exchange, (kit, view) -> kit.signInRequired(view));
    }

    /**
     * Answers 403 with the core's {@link AuthKit#forbidden} decision: a short HTML page for a page
     * load, JSON {@code {"error":"forbidden","message":reason}} otherwise.
     *
     * @param reason one sentence for the user; no secrets
     */
    public static Mono<Void> forbidden(ServerWebExchange exchange, String reason) {
        return answer(exchange, (kit, view) -> kit.forbidden(view, reason));
    }

    /**
     * Ends the exchange's session for a sign-out the application runs itself (Spring Security's
     * logout): sets the cookie deletions on the response and emits where to send the browser next,
     * WorkOS's logout URL for the session (which comes back to {@code returnTo}), or the base path's
     * root when there was none. Runs on a bounded scheduler, never the event loop. An unsafe {@code returnTo}
     * is ignored.
     */
    public static Mono<String> signOut(ServerWebExchange exchange, Optional<String> returnTo) {
        return filter(exchange).flatMap(f -> Mono.fromCallable(() -> f.authKit().flow()
                        .signOut(new AuthKitWebFilter.RequestView(exchange.getRequest(), f.trustsForwardedHeaders()), returnTo))
                .subscribeOn(Schedulers.boundedElastic())
                .map(outcome -> {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    for (SetCookie cookie : outcome.cookies()) {
                        headers.add(HttpHeaders.SET_COOKIE, cookie.headerValue());
                    }
                    exchange.getAttributes().put(AuthKitWebFilter.AUTH_ATTRIBUTE, Auth.signedOut());
                    return outcome instanceof Outcome.Redirect r ? r.location()
                            : exchange.getRequest().getPath().contextPath().value() + "/";
                }));
    }

    private interface Decision {
        Outcome decide(AuthKit kit, AuthKitWebFilter.RequestView view);
    }

    private static Mono<Void> answer(ServerWebExchange exchange, Decision decision) {
        return filter(exchange).flatMap(f -> {
            Outcome outcome = decision.decide(f.authKit(),
                    new AuthKitWebFilter.RequestView(exchange.getRequest(), f.trustsForwardedHeaders()));
            AuthKitWebFilter.ResponseView response = new AuthKitWebFilter.ResponseView(exchange.getResponse());
            outcome.applyTo(response);
            return response.complete();
        });
    }

    private static Mono<AuthKitWebFilter> filter(ServerWebExchange exchange) {
        return exchange.getAttribute(AuthKitWebFilter.FILTER_ATTRIBUTE) instanceof AuthKitWebFilter f ? Mono.just(f)
                : Mono.error(new IllegalStateException("no AuthKitWebFilter decided " + exchange.getRequest().getPath()
                        + ": register it as a WebFilter in front of the handler"));
    }
}
