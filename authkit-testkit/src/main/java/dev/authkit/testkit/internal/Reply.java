package dev.authkit.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What FakeWorkOS answers to one request, decided before anything is sent, so the request can be
 * journaled before the client sees the answer.
 *
 * @param status  HTTP status; 0 drops the connection without an answer
 * @param headers response headers
 * @param body    response body (UTF-8); empty for none
 * @param declaredLength the {@code Content-Length} to announce when it differs from the body (a cut answer); -1 for the body's own
 */
public record Reply(int status, Map<String, String> headers, String body, int declaredLength) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    public Reply(int status, Map<String, String> headers, String body) {
        this(status, headers, body, -1);
    }

    /**
     * The first half of this reply's body; with {@code declareFullLength} the headers still announce
     * the whole body, so the client sees the connection end mid-answer.
     */
    public Reply truncated(boolean declareFullLength) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String half = new String(bytes, 0, bytes.length / 2, StandardCharsets.UTF_8);
        return new Reply(status, headers, half, declareFullLength ? bytes.length : -1);
    }

    public static Reply json(int status, String body) {
        return new Reply(status, Map.of("Content-Type", "application/json; charset=utf-8"), body);
    }

    public static Reply html(int status, String body) {
        return new Reply(status, Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store"), body);
    }

    public static Reply redirect(String location) {
        return new Reply(302, Map.of("Location", location, "Cache-Control", "no-store"), "");
    }

    public static Reply dropConnection() {
        return new Reply(0, Map.of(), "");
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, h, body, declaredLength);
    }

    /** Sends this reply; for status 0, closes the exchange unanswered, which drops the connection. */
    public void send(HttpExchange ex) throws IOException {
        if (status == 0) {
            ex.close();
            return;
        }
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (declaredLength > bytes.length) {
            // announce more than is sent, then end the exchange: the client reads a cut answer
            ex.sendResponseHeaders(status, declaredLength);
            OutputStream out = ex.getResponseBody();
            out.write(bytes);
            out.flush();
            ex.close(); // fewer bytes than announced: the JDK server closes the connection, the cut the client sees
            return;
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }
}
