package dev.authkit.webflux;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Mono;

/**
 * Hands a value computed inline on to the rest of the exchange in a task of its own on the
 * connection's event loop, rather than on the call stack the request arrived on.
 *
 * <p>Why: Reactor Netty (1.3.x, reactor/reactor-netty#4361) stops reading a keep-alive connection
 * when a request it had queued (it arrived while the previous one was still being answered, which
 * happens whenever that one went to the scheduler to wait for WorkOS) is answered on the very
 * stack that dispatched it: the next request on that connection is never read. One extra task on
 * the same thread costs far less than the hop to the scheduler the inline path saves, and the
 * answer still never leaves the event loop. On other servers (no Reactor Netty, a request it did
 * not deliver, a mock request in a test) the value is passed on at once.
 */
final class NextTurn {
    private static final boolean REACTOR_NETTY = present("reactor.netty.NettyInbound");

    private NextTurn() {
    }

    /** {@code value}, emitted from a later task of the request's event loop when there is one. */
    static <T> Mono<T> of(ServerHttpRequest request, T value) {
        Executor loop = REACTOR_NETTY ? ReactorNetty.eventLoopOf(request) : null;
        if (loop == null) {
            return Mono.just(value);
        }
        return Mono.create(sink -> {
            try {
                loop.execute(() -> sink.success(value));
            } catch (RejectedExecutionException shuttingDown) {
                sink.success(value);
            }
        });
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, NextTurn.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Kept apart so that Reactor Netty's classes are loaded only when it is there. */
    private static final class ReactorNetty {
        static Executor eventLoopOf(ServerHttpRequest request) {
            Object nativeRequest;
            try {
                nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
            } catch (IllegalStateException | IllegalArgumentException none) {
                return null; // a mock request (WebTestClient bound to a context) or a server's own type
            }
            if (!(nativeRequest instanceof reactor.netty.NettyInbound inbound)) {
                return null;
            }
            Executor[] loop = new Executor[1];
            inbound.withConnection(connection -> loop[0] = connection.channel().eventLoop());
            return loop[0];
        }
    }
}
