package dev.authkit.core.internal.request;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one validator of absolute URLs and origins authkit accepts anywhere (the redirect URI in
 * the configuration and in the builder, the API base URL, the callback's base URL, allowed return
 * origins, sign-out's {@code returnTo}), and the one reading of local return paths. Callers word
 * their own error messages; the rules are these:
 * <ul>
 * <li>a URL is absolute, {@code http} or {@code https} (any case), with a host, without user info
 *     (which browsers display misleadingly) and without a {@code #fragment} (never sent to a
 *     server, so a redirect URI with one cannot match);</li>
 * <li>an origin is such a URL with no path beyond {@code /} and no query;</li>
 * <li>a local path starts with one {@code /}, not {@code //} or {@code /\} (which browsers read as
 *     another host), and has no control character.</li>
 * </ul>
 */
public final class HttpUrls {
    private HttpUrls() {
    }

    /** {@code text} as an absolute http(s) URL by the rules above; empty when it is not one. */
    public static Optional<URI> absolute(String text) {
        if (text == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    /** Whether {@code text} is a URI at all (RFC 3986 syntax, as {@link URI} reads it). */
    public static boolean parses(String text) {
        try {
            new URI(text);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@code text} as an origin ({@code https://host[:port]}, an optional trailing {@code /}); empty otherwise. */
    public static Optional<URI> origin(String text) {
        return absolute(text).filter(u -> {
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            return (path.isEmpty() || path.equals("/")) && u.getRawQuery() == null;
        });
    }

    /** {@code scheme://host[:port]} in lower case, the port left out when it is the scheme's default. */
    public static String originOf(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** True for a path on this origin ({@code /x}, not {@code //host} or {@code /\host}) without control characters. */
    public static boolean isLocalPath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")
                && path.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
    }

    /** {@code path} when it {@link #isLocalPath is local}, else {@code fallback}. */
    public static String localPathOr(String path, String fallback) {
        return isLocalPath(path) ? path : fallback;
    }
}
