package dev.authkit.core;

import java.util.Optional;

/**
 * Reads the errors authkit renders itself (a short HTML page for a browser's page load, JSON
 * {@code {"error": code, "message": ..}} for scripts) from their {@link Problem}, never from the
 * body. Adapters that hand an HTML error to the container's own error handling (the servlet
 * adapter calls {@code sendError} so the application's error page applies) use these to know it
 * is one and what to pass on.
 */
public final class ErrorPage {
    private ErrorPage() {
    }

    /** True for an HTML error page authkit rendered. */
    public static boolean isErrorPage(Outcome outcome) {
        return outcome instanceof Outcome.Respond r && r.status() >= 400 && r.contentType().startsWith("text/html")
                && r.problem().isPresent();
    }

    /** The sentence of an HTML error page authkit rendered, for an adapter that lets its container render the page. */
    public static Optional<String> message(Outcome outcome) {
        return isErrorPage(outcome) ? ((Outcome.Respond) outcome).problem().map(Problem::message) : Optional.empty();
    }

    /** The short code of an error authkit rendered ({@code forbidden}, ...), HTML or JSON. */
    public static Optional<String> error(Outcome outcome) {
        return outcome instanceof Outcome.Respond r ? r.problem().map(Problem::code) : Optional.empty();
    }
}
