package dev.authkit.core;

import java.util.Objects;

/**
 * Why authkit answered a request itself with an error, as a value: the short code scripts see as
 * {@code "error"} and the sentence a person reads. Every error authkit renders (HTML page or JSON)
 * carries its problem on {@link Outcome.Respond#problem()}, so an adapter that hands the error to
 * its container (the servlet adapter calls {@code sendError}, Spring renders its own error format)
 * never parses a body.
 *
 * @param code    a short, stable code: {@code forbidden}, {@code unauthorized},
 *                {@code method_not_allowed}, {@code workos_unavailable}, ...
 * @param message one plain sentence for a person; never a secret, never the request's input
 */
public record Problem(String code, String message) {
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
