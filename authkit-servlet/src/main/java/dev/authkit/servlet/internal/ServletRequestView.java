package dev.authkit.servlet.internal;

import dev.authkit.core.AuthKitRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

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
        String scheme = request.getScheme();
        String host = request.getServerName();
        int port = request.getServerPort();
        if (trustForwardedHeaders) {
            String proto = first(request.getHeader("X-Forwarded-Proto"));
            String fHost = first(request.getHeader("X-Forwarded-Host"));
            String fPort = first(request.getHeader("X-Forwarded-Port"));
            if (proto != null && (proto.equalsIgnoreCase("http") || proto.equalsIgnoreCase("https"))) {
                scheme = proto.toLowerCase(Locale.ROOT);
                port = scheme.equals("https") ? 443 : 80;
            }
            if (fHost != null && fHost.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
                int colon = fHost.lastIndexOf(':');
                if (colon > 0 && fHost.indexOf(']') < colon) {
                    host = fHost.substring(0, colon);
                    port = parsePort(fHost.substring(colon + 1), port);
                } else {
                    host = fHost;
                }
            }
            if (fPort != null) {
                port = parsePort(fPort, port);
            }
        }
        StringBuilder url = new StringBuilder(scheme).append("://").append(host);
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        if (!defaultPort && port > 0) {
            url.append(':').append(port);
        }
        url.append(request.getRequestURI());
        String query = request.getQueryString();
        if (query != null && !query.isEmpty()) {
            url.append('?').append(query);
        }
        return url.toString();
    }

    /** The servlet context path ({@code ""} for the root context), so globs and built-in routes are relative to it. */
    @Override
    public String contextPath() {
        String contextPath = request.getContextPath();
        return contextPath == null ? "" : contextPath;
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

    private static String first(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String v = (comma < 0 ? header : header.substring(0, comma)).trim();
        return v.isEmpty() ? null : v;
    }

    private static int parsePort(String text, int fallback) {
        try {
            int p = Integer.parseInt(text.trim());
            return p > 0 && p <= 65_535 ? p : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
