package dev.authkit.jaxrs.internal;

import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/** Turns the core's outcomes into JAX-RS responses and response headers. */
public final class Responses {
    private Responses() {
    }

    /** The response for a {@link Outcome.Redirect} or {@link Outcome.Respond}. */
    public static Response of(Outcome outcome) {
        Response.ResponseBuilder b;
        if (outcome instanceof Outcome.Redirect r) {
            b = Response.status(r.status()).header("Location", r.location());
        } else if (outcome instanceof Outcome.Respond r) {
            b = Response.status(r.status()).entity(r.body()).type(r.contentType());
        } else {
            throw new IllegalArgumentException("a Continue outcome is not a response");
        }
        for (Header h : outcome.headers()) {
            b.header(h.name(), h.value());
        }
        for (SetCookie c : outcome.cookies()) {
            b.header("Set-Cookie", c.headerValue());
        }
        return b.build();
    }

    /** Adds a {@link Outcome.Continue}'s cookies and headers to the application's response, each Set-Cookie its own line. */
    public static void addTo(Outcome outcome, MultivaluedMap<String, Object> headers) {
        for (Header h : outcome.headers()) {
            if (h.name().equalsIgnoreCase("Cache-Control")) {
                headers.putSingle(h.name(), h.value());
            } else {
                headers.add(h.name(), h.value());
            }
        }
        for (SetCookie c : outcome.cookies()) {
            headers.add("Set-Cookie", c.headerValue());
        }
    }
}
