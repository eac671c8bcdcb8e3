package dev.authkit.servlet.internal;

import dev.authkit.core.AuthKitResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An {@link HttpServletResponse} as authkit-core's response, and the servlet adapter's only writer
 * of an outcome's headers and {@code Set-Cookie}s (each its own header line): everything goes
 * through {@link dev.authkit.core.Outcome#applyTo} into this view.
 */
public final class ServletResponseView implements AuthKitResponse {
    private final HttpServletResponse response;
    private final boolean headersOnly;

    public ServletResponseView(HttpServletResponse response) {
        this(response, false);
    }

    private ServletResponseView(HttpServletResponse response, boolean headersOnly) {
        this.response = response;
        this.headersOnly = headersOnly;
    }

    /**
     * A view that takes an outcome's headers and cookies but neither its status nor its body: for
     * an error the container renders ({@code sendError}), and for cookies of an
     * {@link dev.authkit.core.AuthorizationRedirect} or a refresh that go on the application's
     * own response.
     */
    public static ServletResponseView headersOnly(HttpServletResponse response) {
        return new ServletResponseView(response, true);
    }

    /** Writes one {@code Set-Cookie} header per cookie, as {@link dev.authkit.core.Outcome#applyTo} does. */
    public void addCookies(java.util.List<dev.authkit.core.SetCookie> cookies) {
        for (dev.authkit.core.SetCookie c : cookies) {
            addHeader("Set-Cookie", c.headerValue());
        }
    }

    /** Adds each header the response does not have yet (by name), for containers that dropped them before an error page. */
    public void addMissing(java.util.List<dev.authkit.core.Header> headers) {
        for (dev.authkit.core.Header h : headers) {
            if (!response.containsHeader(h.name())) {
                addHeader(h.name(), h.value());
            }
        }
    }

    @Override
    public void setStatus(int status) {
        if (!headersOnly) {
            response.setStatus(status);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (!headersOnly) {
            response.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!name.equalsIgnoreCase("Set-Cookie") && response.getHeaders(name).contains(value)) {
            return; // a guard's refusal after the Continue already added it (Vary: Cookie): one line each
        }
        response.addHeader(name, value);
    }

    @Override
    public void writeBody(String contentType, String body) {
        if (headersOnly) {
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(contentType.contains("charset") ? contentType : contentType + ";charset=utf-8");
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
