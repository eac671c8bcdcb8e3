package dev.authkit.webflux;

import dev.authkit.core.AccessRule;
import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.AuthKitResponse;
import dev.authkit.core.ForwardedHeaders;
import dev.authkit.core.Outcome;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * authkit for a Spring WebFlux application: every exchange goes through {@link AuthKit#handle},
 * which refreshes sessions, protects routes, and answers the callback, sign-in, sign-up, sign-out
 * and JSON routes itself. Behind it the application finds the {@link Auth} in the exchange
 * attribute {@link #AUTH_ATTRIBUTE} ({@link #auth(ServerWebExchange)}), and in the Reactor context
 * ({@link #currentAuth()}).
 *
 * <p><b>Threads.</b> The hot path runs inline, on the thread the request arrives on (the event
 * loop): a known session not due for refresh, public pages, sign-in redirects, a bearer token seen
 * before. Anything that may block (the callback's code exchange, a refresh, an organization switch,
 * sign-out, a JWKS fetch, a session store or revocation list that is not
 * {@code nonBlocking()}, such as Redis) runs on a bounded scheduler
 * ({@link Schedulers#boundedElastic()} unless another is given), and the chain goes on from there.
 * The core decides which is which ({@link AuthKit#handleWithoutBlocking}): it declines before doing
 * anything, and the request is then handled in full on the scheduler. A dedicated scheduler
 * ({@code Schedulers.newBoundedElastic(..)}) keeps authkit's waits from crowding the application's
 * own blocking work.
 *
 * <p><b>Base path.</b> Globs and the built-in routes are relative to the request's context path
 * ({@code spring.webflux.base-path}, {@code ServerHttpRequest.getPath().contextPath()}); the
 * redirect URI stays absolute.
 *
 * <p><b>Behind a proxy.</b> With {@code trustForwardedHeaders} the request URL is rebuilt from
 * {@code X-Forwarded-Proto/Host/Port} and the client address taken from {@code X-Forwarded-For}
 * ({@link ForwardedHeaders}); off by default, only switch it on behind a proxy that sets them.
 */
public class AuthKitWebFilter implements WebFilter {
    /** Exchange attribute holding the {@link Auth} of the request. */
    public static final String AUTH_ATTRIBUTE = Auth.class.getName();
    /** Exchange attribute holding the filter that decided the request, for {@link #authorize}. */
    public static final String FILTER_ATTRIBUTE = AuthKitWebFilter.class.getName();

    private final AuthKit authKit;
    private final boolean trustForwardedHeaders;
    private final Scheduler scheduler;

    public AuthKitWebFilter(AuthKit authKit) {
        this(authKit, false);
    }

    /**
     * @param trustForwardedHeaders rebuild the request URL from {@code X-Forwarded-Proto/Host/Port};
     *                              only behind a reverse proxy that sets them (default false)
     */
    public AuthKitWebFilter(AuthKit authKit, boolean trustForwardedHeaders) {
        this(authKit, trustForwardedHeaders, Schedulers.boundedElastic());
    }

    /**
     * @param scheduler where {@link AuthKit#handle} runs when the request may block (it may wait for
     *                  WorkOS): a bounded one, never an event loop
     */
    public AuthKitWebFilter(AuthKit authKit, boolean trustForwardedHeaders, Scheduler scheduler) {
        this.authKit = Objects.requireNonNull(authKit, "authKit");
        this.trustForwardedHeaders = trustForwardedHeaders;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The AuthKit this filter runs. */
    public AuthKit authKit() {
        return authKit;
    }

    /** Whether this filter rebuilds the request URL from {@code X-Forwarded-*} headers. */
    public boolean trustsForwardedHeaders() {
        return trustForwardedHeaders;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (WebhookBody.wanted(exchange.getRequest())) {
            return WebhookBody.read(exchange).flatMap(read -> decide(read.exchange(),
                    new RequestView(read.exchange().getRequest(), trustForwardedHeaders, read.body()), chain));
        }
        return decide(exchange, new RequestView(exchange.getRequest(), trustForwardedHeaders), chain);
    }

    private Mono<Void> decide(ServerWebExchange exchange, AuthKitRequest request, WebFilterChain chain) {
        return outcome(exchange, request)
                .flatMap(outcome -> {
                    ResponseView response = new ResponseView(exchange.getResponse());
                    outcome.applyTo(response);
                    if (outcome instanceof Outcome.Continue c) {
                        ServerWebExchange next = forApplication(exchange, c.auth());
                        next.getAttributes().put(AUTH_ATTRIBUTE, c.auth());
                        next.getAttributes().put(FILTER_ATTRIBUTE, this);
                        return chain.filter(next).contextWrite(ctx -> ctx.put(Auth.class, c.auth()));
                    }
                    return response.complete();
                });
    }

    /**
     * The core's outcome: inline when it needs nothing that may block (applied in the event loop's
     * next task, {@link NextTurn}), else from {@link AuthKit#handle} on the scheduler.
     */
    private Mono<Outcome> outcome(ServerWebExchange exchange, AuthKitRequest request) {
        return Mono.defer(() -> {
            Optional<Outcome> inline = authKit.handleWithoutBlocking(request);
            return inline.isPresent() ? NextTurn.of(exchange.getRequest(), inline.get())
                    : Mono.fromCallable(() -> authKit.handle(request)).subscribeOn(scheduler);
        });
    }

    /**
     * The guard, for a handler to call before it acts: emits true when the request's {@link Auth}
     * may do what {@code rule} demands; otherwise writes the core's refusal (sign-in redirect, 401
     * or 403) and emits false, and the handler must stop. A request the filter did not decide is
     * refused as signed out.
     */
    public static Mono<Boolean> authorize(ServerWebExchange exchange, AccessRule rule) {
        Object filter = exchange.getAttribute(FILTER_ATTRIBUTE);
        if (!(filter instanceof AuthKitWebFilter f)) {
            return Mono.error(new IllegalStateException(
                    "no AuthKitWebFilter decided this request: register it as a WebFilter in front of the handler"));
        }
        return f.authorize(exchange, auth(exchange), rule);
    }

    private Mono<Boolean> authorize(ServerWebExchange exchange, Auth auth, AccessRule rule) {
        Optional<Outcome> refusal = authKit.authorize(new RequestView(exchange.getRequest(), trustForwardedHeaders), auth, rule);
        if (refusal.isEmpty()) {
            return Mono.just(true);
        }
        ResponseView response = new ResponseView(exchange.getResponse());
        refusal.get().applyTo(response);
        return response.complete().thenReturn(false);
    }

    /** The {@link Auth} the filter decided for this exchange; signed out when it did not run. */
    public static Auth auth(ServerWebExchange exchange) {
        return exchange.getAttribute(AUTH_ATTRIBUTE) instanceof Auth a ? a : Auth.signedOut();
    }

    /** The {@link Auth} of the request being handled, from the Reactor context; signed out outside the filter. */
    public static Mono<Auth> currentAuth() {
        return Mono.deferContextual(ctx -> Mono.just(ctx.<Auth>getOrEmpty(Auth.class).orElse(Auth.signedOut())));
    }

    /**
     * The exchange the application sees: the signed-in user as {@code getPrincipal()}
     * ({@link AuthKitPrincipal}), and never the {@code x-workos-*} headers a client sends
     * ({@link AuthKit#isReservedRequestHeader}).
     */
    private static ServerWebExchange forApplication(ServerWebExchange exchange, Auth auth) {
        List<String> reserved = new ArrayList<>();
        for (String name : exchange.getRequest().getHeaders().headerNames()) {
            if (AuthKit.isReservedRequestHeader(name)) {
                reserved.add(name);
            }
        }
        if (reserved.isEmpty() && auth.user().isEmpty()) {
            return exchange;
        }
        ServerWebExchange.Builder next = exchange.mutate();
        if (!reserved.isEmpty()) {
            next.request(r -> r.headers(h -> reserved.forEach(h::remove)));
        }
        if (auth.user().isPresent()) {
            next.principal(Mono.just(new AuthKitPrincipal(auth)));
        }
        return next.build();
    }

    /** A WebFlux request as authkit-core's request. */
    static final class RequestView implements AuthKitRequest {
        private final ServerHttpRequest request;
        private final boolean trustForwardedHeaders;
        private final Optional<byte[]> body;

        RequestView(ServerHttpRequest request, boolean trustForwardedHeaders) {
            this(request, trustForwardedHeaders, Optional.empty());
        }

        /** @param body the body read ahead without blocking ({@link WebhookBody}); empty when not read */
        RequestView(ServerHttpRequest request, boolean trustForwardedHeaders, Optional<byte[]> body) {
            this.request = request;
            this.trustForwardedHeaders = trustForwardedHeaders;
            this.body = body;
        }

        /**
         * The body read ahead by {@link WebhookBody} (a {@code POST} signed by WorkOS), never read
         * here: reading a WebFlux body means waiting for the network, which {@code handle} must not
         * do. Empty for every other request, and when longer than {@code maxBytes}.
         */
        @Override
        public Optional<String> body(int maxBytes) {
            return body.filter(b -> b.length <= maxBytes).map(b -> new String(b, StandardCharsets.UTF_8));
        }

        @Override
        public String method() {
            return request.getMethod().name();
        }

        /** The URL as sent: the server's scheme, the {@code Host} it saw, the raw path and query. */
        @Override
        public String url() {
            URI uri = request.getURI();
            String scheme = request.getSslInfo() != null ? "https" : uri.getScheme() == null ? "http" : uri.getScheme();
            String host = uri.getHost();
            int port = uri.getPort();
            if (host == null) {
                InetSocketAddress local = request.getLocalAddress();
                host = local == null ? "localhost" : local.getHostString();
                port = local == null ? -1 : local.getPort();
            }
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            if (port < 0) {
                port = scheme.equals("https") ? 443 : 80;
            }
            return ForwardedHeaders.requestUrl(scheme, host, port, uri.getRawPath(), uri.getRawQuery(), this::allValues,
                    trustForwardedHeaders);
        }

        /** Every line of a header joined with commas ({@code null} for none): a proxy may append a line of its own. */
        private String allValues(String name) {
            List<String> lines = request.getHeaders().get(name);
            return lines == null || lines.isEmpty() ? null : String.join(",", lines);
        }

        @Override
        public Optional<String> clientAddress() {
            InetSocketAddress remote = request.getRemoteAddress();
            String peer = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
            return ForwardedHeaders.clientAddress(peer, this::allValues, trustForwardedHeaders);
        }

        /** The base path ({@code spring.webflux.base-path}), {@code ""} when the application owns the root. */
        @Override
        public String contextPath() {
            return request.getPath().contextPath().value();
        }

        @Override
        public List<String> headers(String name) {
            List<String> values = request.getHeaders().get(name);
            return values == null ? List.of() : values;
        }
    }

    /** A WebFlux response as authkit-core's: status and headers at once, the body written by {@link #complete()}. */
    static final class ResponseView implements AuthKitResponse {
        private final ServerHttpResponse response;
        private byte[] body;

        ResponseView(ServerHttpResponse response) {
            this.response = response;
        }

        @Override
        public void setStatus(int status) {
            response.setStatusCode(HttpStatusCode.valueOf(status));
        }

        @Override
        public void setHeader(String name, String value) {
            response.getHeaders().set(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            HttpHeaders headers = response.getHeaders();
            List<String> present = headers.get(name);
            if (!name.equalsIgnoreCase(HttpHeaders.SET_COOKIE) && present != null && present.contains(value)) {
                return; // already set for the Continue (Vary: Cookie) before a guard's refusal
            }
            headers.add(name, value);
        }

        @Override
        public void writeBody(String contentType, String body) {
            response.getHeaders().set(HttpHeaders.CONTENT_TYPE, contentType);
            this.body = body.getBytes(StandardCharsets.UTF_8);
        }

        /** Ends the response: the body given to {@link #writeBody}, or none. */
        Mono<Void> complete() {
            if (body == null) {
                return response.setComplete();
            }
            response.getHeaders().setContentLength(body.length);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        }
    }
}
