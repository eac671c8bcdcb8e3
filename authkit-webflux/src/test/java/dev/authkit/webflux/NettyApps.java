package dev.authkit.webflux;

import dev.authkit.core.AccessRule;
import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.conformance.AdapterConformanceSuite.RunningApp;
import dev.authkit.testkit.conformance.ConformanceEcho;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ContextPathCompositeHandler;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A WebFlux application on Reactor Netty behind {@link AuthKitWebFilter}, answering {@link ConformanceEcho}. */
final class NettyApps {
    private NettyApps() {
    }

    /** The echo application: the guarded endpoints through {@link AuthKitWebFilter#authorize}, then the echo. */
    static final WebHandler ECHO = exchange -> {
        Optional<AccessRule> rule = ConformanceEcho.guardOf(exchange.getRequest().getPath().value());
        Mono<Boolean> allowed = rule.isPresent() ? AuthKitWebFilter.authorize(exchange, rule.get()) : Mono.just(true);
        return allowed.flatMap(ok -> ok ? echo(exchange) : Mono.empty());
    };

    private static Mono<Void> echo(ServerWebExchange exchange) {
        Auth auth = AuthKitWebFilter.auth(exchange);
        return exchange.getPrincipal().map(Principal::getName).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(principal -> {
                    Map<String, List<String>> headers = new LinkedHashMap<>();
                    HttpHeaders seen = exchange.getRequest().getHeaders();
                    seen.forEach(headers::put);
                    byte[] body = ConformanceEcho.render(exchange.getRequest().getMethod().name(),
                            exchange.getRequest().getPath().value(), auth, principal, auth.hasRole("admin"), headers)
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
                    exchange.getResponse().getHeaders().setContentLength(body.length);
                    return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
                });
    }

    /** Starts {@code handler} behind the filter on {@code 127.0.0.1:port}, mounted under {@code basePath} ({@code ""} for the root). */
    static RunningApp start(int port, String basePath, AuthKitWebFilter filter, WebHandler handler) {
        HttpHandler app = WebHttpHandlerBuilder.webHandler(handler).filter(filter).build();
        if (!basePath.isEmpty()) {
            // what Spring Boot does for spring.webflux.base-path
            app = new ContextPathCompositeHandler(Map.of(basePath, app));
        }
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .handle(new ReactorHttpHandlerAdapter(app)).bindNow();
        return server::disposeNow;
    }

    /** A port free now, for an application to bind next. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration of an application on {@code 127.0.0.1:port} signing in through {@code fake}. */
    static AuthKitConfig.Builder config(FakeWorkOS fake, int port, String cookiePassword) {
        return AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(cookiePassword)
                .redirectUri("http://127.0.0.1:" + port + "/callback").apiBaseUrl(fake.baseUrl());
    }

    static RunningApp start(int port, String basePath, AuthKit authKit) {
        return start(port, basePath, new AuthKitWebFilter(authKit), ECHO);
    }
}
