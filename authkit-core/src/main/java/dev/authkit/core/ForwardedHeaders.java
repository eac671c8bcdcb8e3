package dev.authkit.core;

import java.util.Locale;
import java.util.function.Function;

/**
 * The one home of forwarded-header trust, for every adapter: the absolute URL of a request as the
 * client sent it, rebuilt from {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and
 * {@code X-Forwarded-Port} when the adapter is configured to trust them. Of a header with several
 * values (comma-separated, or on several lines) the LAST is used: the one the nearest proxy, the
 * trusted one, wrote. A proxy that appends to what the client sent leaves the client's values in
 * front, so taking the first would let the client choose the origin. Only switch trust on behind a
 * reverse proxy that sets or appends these headers: otherwise a client could name any origin and
 * steer redirects and the {@code Secure} cookie attribute. Values that are not an http(s) scheme,
 * a host name or a port are ignored.
 */
public final class ForwardedHeaders {
    private ForwardedHeaders() {
    }

    /**
     * @param scheme        the connection's scheme ({@code http} or {@code https})
     * @param host          the host the server saw
     * @param port          the port the server saw
     * @param rawPath       the request target's path as sent, still percent-encoded
     * @param rawQuery      the query as sent, or {@code null}
     * @param header        all values of a request header, its lines joined with {@code ","}, or
     *                      {@code null} for none (only its last value is used)
     * @param trust         whether the forwarded headers may override scheme, host and port
     * @return {@code scheme://host[:port]path[?query]}, the port left out when it is the scheme's default
     */
    public static String requestUrl(String scheme, String host, int port, String rawPath, String rawQuery,
                                    Function<String, String> header, boolean trust) {
        if (trust) {
            String proto = last(header.apply("X-Forwarded-Proto"));
            String fHost = last(header.apply("X-Forwarded-Host"));
            String fPort = last(header.apply("X-Forwarded-Port"));
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
        url.append(rawPath);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            url.append('?').append(rawQuery);
        }
        return url.toString();
    }

    /**
     * The client's IP address: the {@code X-Forwarded-For} value the nearest proxy wrote (the last)
     * when {@code trust} and it is an IP address, else {@code peer} (the connection's remote
     * address). Never a host name.
     *
     * @param peer   the remote address the server saw, or {@code null}
     * @param header all values of a request header joined with {@code ","}, or {@code null}
     */
    public static java.util.Optional<String> clientAddress(String peer, Function<String, String> header, boolean trust) {
        if (trust) {
            String forwarded = last(header.apply("X-Forwarded-For"));
            if (forwarded != null && isIpAddress(forwarded)) {
                return java.util.Optional.of(forwarded);
            }
        }
        return java.util.Optional.ofNullable(peer).filter(ForwardedHeaders::isIpAddress);
    }

    /** An IPv4 or IPv6 literal (brackets allowed), by its characters: nothing a log or WorkOS could misread. */
    public static boolean isIpAddress(String s) {
        return s != null && s.length() <= 47 && s.matches("\\[?[0-9A-Fa-f:.]*[0-9A-Fa-f]\\]?") && (s.contains(".") || s.contains(":"));
    }

    /** The last comma-separated value: the nearest proxy's; {@code null} when it is empty. */
    private static String last(String header) {
        if (header == null) {
            return null;
        }
        String v = header.substring(header.lastIndexOf(',') + 1).trim();
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
