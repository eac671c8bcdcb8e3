package dev.authkit.webflux;

import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The body of a WorkOS webhook, read ahead reactively so that the core's receiver
 * ({@code AuthKitRequest.body}) gets it without anyone blocking on the network. Only a
 * {@code POST} carrying {@code WorkOS-Signature} is read (the adapter does not know where the
 * receiver is mounted; only WorkOS signs requests that way), and at most {@link #LIMIT} bytes of
 * it: a longer body, announced or not, is left to the receiver to refuse. The bytes read are
 * replayed to the application when the request reaches it, so an application that takes WorkOS
 * webhooks itself still gets the whole body; the buffers read are released at once.
 */
final class WebhookBody {
    /** The most read ahead: WorkOS events are a few KiB and the core's receiver takes at most 64 KiB. */
    static final int LIMIT = 64 * 1024;
    private static final String SIGNATURE = "WorkOS-Signature";

    private WebhookBody() {
    }

    /** The exchange to go on with (its body replayable) and the body read, empty when longer than {@link #LIMIT}. */
    record Read(ServerWebExchange exchange, Optional<byte[]> body) {
    }

    /** True for a {@code POST} signed by WorkOS whose announced length, if any, is within {@link #LIMIT}. */
    static boolean wanted(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.POST || request.getHeaders().getFirst(SIGNATURE) == null) {
            return false;
        }
        long length = request.getHeaders().getContentLength(); // -1 when absent or unparsable
        return length <= LIMIT;
    }

    /** Reads the body without blocking, releasing every buffer; never fails (a broken body reads as none). */
    static Mono<Read> read(ServerWebExchange exchange) {
        return DataBufferUtils.join(exchange.getRequest().getBody(), LIMIT)
                .map(WebhookBody::bytesOf)
                .defaultIfEmpty(new byte[0])
                .map(bytes -> new Read(replaying(exchange, Flux.defer(() -> Flux.just(wrap(bytes)))), Optional.of(bytes)))
                // too long (DataBufferLimitException) or broken: the receiver refuses it, the application sees the same error
                .onErrorResume(e -> Mono.just(new Read(replaying(exchange, Flux.error(e)), Optional.empty())));
    }

    private static byte[] bytesOf(DataBuffer joined) {
        try {
            byte[] bytes = new byte[joined.readableByteCount()];
            joined.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(joined);
        }
    }

    private static DataBuffer wrap(byte[] bytes) {
        return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
    }

    private static ServerWebExchange replaying(ServerWebExchange exchange, Flux<DataBuffer> body) {
        ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return body;
            }
        };
        return exchange.mutate().request(request).build();
    }
}
