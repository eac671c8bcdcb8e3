package dev.authkit.core;

import java.util.List;
import java.util.Optional;

/**
 * The incoming HTTP request as authkit-core sees it. An adapter implements these three methods
 * over its framework's request; everything else (cookies, the canonical path, the query) the core
 * derives itself, once, the same way for every adapter.
 */
public interface AuthKitRequest {

    /** The HTTP method in upper case: {@code GET}, {@code POST}, ... */
    String method();

    /**
     * The absolute request URL as the client sent it, path and query still percent-encoded:
     * {@code https://app.example.com/admin/x?tab=1}. Behind a reverse proxy, the adapter decides
     * whether forwarded headers may rebuild it (only when configured to trust them).
     */
    String url();

    /**
     * The path prefix the application is mounted under, such as a servlet context path:
     * {@code /app} when the application answers {@code https://host/app/...}; {@code ""} (the
     * default) when it owns the whole origin. Route globs ({@code unauthenticatedPaths},
     * {@code signUpPaths}) and the built-in {@link Routes} are matched relative to it, so
     * {@code "/"} means the application's root; the redirect URI, {@link #url()} and return paths
     * stay absolute. Adapters for containers without such a prefix leave the default.
     */
    default String contextPath() {
        return "";
    }

    /**
     * The client's IP address, as the adapter knows it: the connection's peer, or the first
     * {@code X-Forwarded-For} address when the adapter trusts forwarded headers (see
     * {@link ForwardedHeaders#clientAddress}). Sent to WorkOS with sign-ins and refreshes as a
     * signal; empty (the default) when unknown.
     */
    default Optional<String> clientAddress() {
        return Optional.empty();
    }

    /**
     * The raw request body as UTF-8 text, read only by the routes that need it (the WorkOS webhook
     * receiver): empty when the adapter cannot hand it over (the default), when there is none, or
     * when it is longer than {@code maxBytes} (read no further than that). Read at most once.
     */
    default Optional<String> body(int maxBytes) {
        return Optional.empty();
    }

    /** Every value of a request header, in order; empty when absent. Names are case-insensitive. */
    List<String> headers(String name);

    /** The first value of a request header. */
    default Optional<String> header(String name) {
        List<String> values = headers(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
