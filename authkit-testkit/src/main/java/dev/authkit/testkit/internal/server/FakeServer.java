package dev.authkit.testkit.internal.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.authkit.testkit.internal.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server under a FakeWorkOS, on 127.0.0.1 only: it binds when built (so the port, and
 * with it the base URL, is known before the handlers are), serves once {@link #start} hands it a
 * {@link Dispatcher}, and reads each request into a {@link Request} before dispatching it. Requests
 * run on daemon threads ({@code fake-workos-<n>}), so a fake left open never keeps a JVM alive.
 */
public final class FakeServer implements AutoCloseable {
    /** Connections the OS queues while every thread is busy; a burst of parallel refreshes fits. */
    private static final int BACKLOG = 64;
    /** How long {@link #close} waits for running requests to end. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Binds 127.0.0.1:{@code port}; 0 for an ephemeral port. */
    public FakeServer(int port) {
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            this.server = HttpServer.create(new InetSocketAddress(loopback, port), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("FakeWorkOS cannot listen on 127.0.0.1:" + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-workos-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Starts serving: every request goes to {@code dispatcher}. */
    public void start(Dispatcher dispatcher) {
        server.createContext("/", ex -> exchange(ex, dispatcher));
        server.start();
    }

    private static void exchange(HttpExchange ex, Dispatcher dispatcher) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        Request request = new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                Http.parseQuery(ex.getRequestURI().getRawQuery()), headers, body);
        dispatcher.dispatch(request).send(ex);
    }

    /** Stops the server at once and waits up to five seconds for its threads; later calls do nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
