package dev.authkit.jaxrs.internal;

import dev.authkit.core.AuthKitResponse;
import dev.authkit.core.Outcome;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * Turns the core's outcomes into JAX-RS responses and response headers. Every header and
 * {@code Set-Cookie} of an outcome is written by {@link Outcome#applyTo} into one
 * {@link HeaderView}, the adapter's only writer of them.
 */
public final class Responses {
    private Responses() {
    }

    /** The response for a {@link Outcome.Redirect} or {@link Outcome.Respond}. */
    public static Response of(Outcome outcome) {
        if (outcome instanceof Outcome.Continue) {
            throw new IllegalArgumentException("a Continue outcome is not a response");
        }
        HeaderView view = new HeaderView(new MultivaluedHashMap<>());
        outcome.applyTo(view);
        Response.ResponseBuilder b = Response.status(view.status);
        if (outcome instanceof Outcome.Respond) {
            b.entity(view.body).type(view.contentType);
        }
        view.headers.forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        return b.build();
    }

    /** Adds a {@link Outcome.Continue}'s cookies and headers to the application's response, each Set-Cookie its own line. */
    public static void addTo(Outcome.Continue outcome, MultivaluedMap<String, Object> headers) {
        outcome.applyTo(new HeaderView(headers));
    }

    /**
     * A JAX-RS header map as the core's response. {@code Cache-Control} replaces what the
     * resource set (authkit's no-store must win over a resource's caching); every other header,
     * {@code Set-Cookie} included, is added as its own line.
     */
    private static final class HeaderView implements AuthKitResponse {
        final MultivaluedMap<String, Object> headers;
        int status = 200;
        String contentType;
        String body;

        HeaderView(MultivaluedMap<String, Object> headers) {
            this.headers = headers;
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public void setHeader(String name, String value) {
            headers.put(name, new java.util.ArrayList<>(List.of(value)));
        }

        @Override
        public void addHeader(String name, String value) {
            if (name.equalsIgnoreCase("Cache-Control")) {
                setHeader(name, value);
            } else if (!name.equalsIgnoreCase("Set-Cookie") && has(name, value)) {
                // already there (a guard's refusal carries the outcome's Vary: Cookie, the Continue adds it again)
                return;
            } else {
                headers.add(name, value);
            }
        }

        private boolean has(String name, String value) {
            for (Map.Entry<String, List<Object>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null
                        && e.getValue().stream().anyMatch(v -> v != null && String.valueOf(v).equalsIgnoreCase(value))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void writeBody(String contentType, String body) {
            this.contentType = contentType;
            this.body = body;
        }
    }
}
