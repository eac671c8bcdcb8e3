package dev.authkit.examples.custom;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.authkit.core.AccessRule;
import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.AuthKitResponse;
import dev.authkit.core.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A complete authkit adapter for the JDK's {@code com.sun.net.httpserver}, in one class: the
 * request methods (with the context's path as {@code contextPath()}), the four response methods
 * (the only place headers and cookies are written, through {@link Outcome#applyTo}), and one call
 * to {@link AuthKit#handle}. Everything
 * else (sessions, refresh, routes, the callback, sign-out, the JSON API) is the core's.
 */
public final class AuthKitHttpHandler implements HttpHandler {

    /** The application behind the adapter: it gets the request's {@link Auth} and the headers it may see. */
    @FunctionalInterface
    public interface Application {
        void handle(HttpExchange exchange, Auth auth, Map<String, List<String>> visibleHeaders) throws IOException;
    }

    private final AuthKit authKit;
    private final Application application;

    public AuthKitHttpHandler(AuthKit authKit, Application application) {
        this.authKit = authKit;
        this.application = application;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Outcome outcome = authKit.handle(new Request(exchange));
        Response response = new Response(exchange);
        outcome.applyTo(response);
        if (outcome instanceof Outcome.Continue c) {
            Headers visible = new Headers();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!AuthKit.isReservedRequestHeader(name)) {
                    visible.put(name, values);
                }
            });
            application.handle(exchange, c.auth(), visible);
        }
    }

    /**
     * The adapter's guard, for the application to call before it acts: true when {@code auth} may
     * do what {@code rule} demands; otherwise the core's refusal (sign-in redirect, 401 or 403) is
     * sent and the application must stop.
     */
    public boolean authorize(HttpExchange exchange, Auth auth, AccessRule rule) {
        Optional<Outcome> refusal = authKit.authorize(new Request(exchange), auth, rule);
        refusal.ifPresent(outcome -> outcome.applyTo(new Response(exchange)));
        return refusal.isEmpty();
    }

    /** The JDK exchange as the core's request. */
    private record Request(HttpExchange exchange) implements AuthKitRequest {
        @Override
        public String method() {
            return exchange.getRequestMethod();
        }

        @Override
        public String url() {
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null || host.isEmpty()) {
                host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
            }
            String query = exchange.getRequestURI().getRawQuery();
            return "http://" + host + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
        }

        /** The path the handler's {@code HttpContext} was created for ({@code /app}); {@code ""} for {@code /}. */
        @Override
        public String contextPath() {
            String path = exchange.getHttpContext().getPath();
            return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }

        /**
         * The body, up to {@code maxBytes} (the webhook receiver asks for it). What was read is put
         * back in front of the rest, so the application can still read the whole body.
         */
        @Override
        public Optional<String> body(int maxBytes) {
            java.io.InputStream in = exchange.getRequestBody();
            byte[] bytes;
            try {
                bytes = in.readNBytes(maxBytes + 1);
            } catch (IOException e) {
                return Optional.empty();
            }
            exchange.setStreams(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(bytes), in), null);
            return bytes.length > maxBytes ? Optional.empty()
                    : Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public List<String> headers(String name) {
            List<String> values = exchange.getRequestHeaders().get(name);
            return values == null ? List.of() : values;
        }
    }

    /** The JDK exchange as the core's response: headers go out with the status, the body right after. */
    private static final class Response implements AuthKitResponse {
        private final HttpExchange exchange;
        private int status = 200;

        Response(HttpExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public void setHeader(String name, String value) {
            exchange.getResponseHeaders().set(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            List<String> present = exchange.getResponseHeaders().get(name);
            if (!name.equalsIgnoreCase("Set-Cookie") && present != null && present.contains(value)) {
                return; // already set for the Continue (Vary: Cookie) before a guard's refusal
            }
            exchange.getResponseHeaders().add(name, value);
        }

        @Override
        public void writeBody(String contentType, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            try {
                boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
                if (!noBody) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
                exchange.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
