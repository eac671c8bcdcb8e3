package dev.authkit.servlet.internal;

import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.ForwardedHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * An {@link HttpServletRequest} as authkit-core's request: method, the absolute URL with the path
 * and query as the client sent them, and headers. With {@code trustForwardedHeaders}, the scheme,
 * host and port come from {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and
 * {@code X-Forwarded-Port} (first values); only switch that on behind a proxy that sets them.
 */
public final class ServletRequestView implements AuthKitRequest {
    private final HttpServletRequest request;
    private final boolean trustForwardedHeaders;

    public ServletRequestView(HttpServletRequest request, boolean trustForwardedHeaders) {
        this.request = request;
        this.trustForwardedHeaders = trustForwardedHeaders;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String url() {
        return ForwardedHeaders.requestUrl(request.getScheme(), request.getServerName(), request.getServerPort(),
                request.getRequestURI(), request.getQueryString(), this::allValues, trustForwardedHeaders);
    }

    /** Every line of a header joined with commas ({@code null} for none): a proxy may append a line of its own. */
    private String allValues(String name) {
        java.util.Enumeration<String> lines = request.getHeaders(name);
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        return String.join(",", java.util.Collections.list(lines));
    }

    /** The peer's address, or the nearest proxy's {@code X-Forwarded-For} address when forwarded headers are trusted. */
    @Override
    public java.util.Optional<String> clientAddress() {
        return ForwardedHeaders.clientAddress(request.getRemoteAddr(), this::allValues, trustForwardedHeaders);
    }

    /** The servlet context path ({@code ""} for the root context), so globs and built-in routes are relative to it. */
    @Override
    public String contextPath() {
        String contextPath = request.getContextPath();
        return contextPath == null ? "" : contextPath;
    }

    /** The body, read from the input stream up to {@code maxBytes} (one byte more tells it is longer). */
    @Override
    public java.util.Optional<String> body(int maxBytes) {
        try (java.io.InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            return bytes.length > maxBytes ? java.util.Optional.empty()
                    : java.util.Optional.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException | IllegalStateException e) { // a broken connection, or the reader already taken
            return java.util.Optional.empty();
        }
    }

    @Override
    public List<String> headers(String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : Collections.list(values)) {
            out.add(v);
        }
        return out;
    }
}
