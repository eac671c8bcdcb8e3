package dev.authkit.benchmarks;

import dev.authkit.core.AuthKit;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.webflux.AuthKitWebFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The WebFlux filter's load test target, as {@link LoadTestServer} is the servlet filter's: a
 * hello-world {@link WebHandler} on Reactor Netty, reachable at {@code /hello} without authkit and
 * at {@code /app/hello} behind {@link AuthKitWebFilter} (route protection on, a signed-in cookie).
 * Both paths go through the same {@link WebHttpHandlerBuilder} chain; the filter is the only
 * difference. Writes {@code port} and {@code cookie} (a FakeWorkOS session of Alice's) into the
 * directory given as the first argument, then serves until killed. {@code benchmarks/run} drives
 * it with wrk, the same {@code Cookie} header on both paths.
 */
public final class WebFluxLoadTestServer {
    private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.US_ASCII);

    private WebFluxLoadTestServer() {
    }

    /** Answers every request with a short text body. */
    static final WebHandler HELLO = exchange -> {
        exchange.getResponse().getHeaders().setContentType(MediaType.TEXT_PLAIN);
        exchange.getResponse().getHeaders().setContentLength(BODY.length);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(BODY)));
    };

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        FakeWorkOS fake = Sessions.fake();
        AuthKit authKit = Sessions.authKit(fake);
        String cookie = Sessions.newCookie(fake);

        HttpHandler plain = WebHttpHandlerBuilder.webHandler(HELLO).build();
        HttpHandler filtered = WebHttpHandlerBuilder.webHandler(HELLO).filter(new AuthKitWebFilter(authKit)).build();
        HttpHandler app = (request, response) -> request.getPath().value().startsWith("/app/")
                ? filtered.handle(request, response) : plain.handle(request, response);
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(app)).bindNow();

        Files.writeString(out.resolve("cookie"), cookie);
        Files.writeString(out.resolve("port"), Integer.toString(server.port())); // written last: the ready signal
        server.onDispose().block();
    }
}
