package dev.authkit.core.internal.config;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.internal.request.HttpUrls;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The checks behind {@code AuthKitConfig}: each takes the name of the variable it checks, so the
 * message names it and says what a good value looks like. Secrets are never quoted; other values
 * are quoted cut short, so a pasted blob cannot flood a log.
 */
public final class ConfigChecks {
    private ConfigChecks() {
    }

    /** The value of {@code name}, an empty one counting as unset. */
    public static String value(Map<String, String> vars, String name) {
        String v = vars.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public static String required(String value, String name, String what) {
        if (value == null || value.isBlank()) {
            throw new AuthKitConfigException(name + " is not set: it must be " + what + ".");
        }
        return value;
    }

    public static long parseLong(String text, String name, String what) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new AuthKitConfigException(name + " must be " + what + ", got " + quote(text) + ".");
        }
    }

    public static boolean parseBoolean(String text, String name) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new AuthKitConfigException(name + " must be true or false, got " + quote(text) + ".");
        }
    }

    /** Quotes a non-secret value for a message, cut short at 80 characters. */
    public static String quote(String value) {
        String v = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "'" + v + "'";
    }

    /** Describes a secret without showing it. */
    public static String mask(String secret) {
        return "(" + secret.length() + " characters, hidden)";
    }

    /** An absolute http(s) redirect URI without a fragment, by {@link HttpUrls}'s rules. */
    public static URI redirectUri(String text, String name) {
        Optional<URI> uri = HttpUrls.absolute(text);
        if (uri.isPresent()) {
            return uri.get();
        }
        if (!HttpUrls.parses(text.trim())) {
            throw new AuthKitConfigException(name + " is not a valid URL: " + quote(text) + ".");
        }
        if (text.contains("#")) {
            throw new AuthKitConfigException(name + " must not have a #fragment, got " + quote(text) + ".");
        }
        throw new AuthKitConfigException(name + " must be an absolute http or https URL such as "
                + "http://localhost:8080/callback, got " + quote(text) + ".");
    }

    /**
     * An absolute http(s) URL without a fragment ({@link HttpUrls#absolute}).
     *
     * @param name    what {@code null} is reported as (a {@link NullPointerException})
     * @param message the error, to which {@code , got '<text>'} is added
     */
    public static URI absoluteUrl(String text, String name, String message) {
        java.util.Objects.requireNonNull(text, name);
        return HttpUrls.absolute(text).orElseThrow(() -> new AuthKitConfigException(message + ", got '" + text + "'"));
    }

    public static String cookieDomain(String domain, String name) {
        if (domain == null || domain.isEmpty()) {
            return null;
        }
        if (!domain.matches("\\.?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new AuthKitConfigException(name + " must be a bare domain such as example.com, got " + quote(domain) + ".");
        }
        return domain;
    }

    /** RFC 6265 cookie-name = token (RFC 7230 tchar). */
    public static String cookieName(String cookieName, String name) {
        if (!cookieName.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new AuthKitConfigException(name + " must be a cookie name made of letters, digits and "
                    + "!#$%&'*+-.^_`|~ only, got " + quote(cookieName) + ".");
        }
        return cookieName;
    }

    public static String apiHostname(String host, String name, String httpsName, String portName) {
        String h = host.trim();
        if (h.contains("://")) {
            throw new AuthKitConfigException(name + " must be a host name such as api.workos.com, without "
                    + "a scheme; set " + httpsName + " and " + portName + " instead, got " + quote(host) + ".");
        }
        boolean ipv6 = h.matches("\\[[0-9A-Fa-f:.]+\\]");
        if (!ipv6 && !h.matches("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new AuthKitConfigException(name + " must be a host name such as api.workos.com, without "
                    + "a path or a port (set " + portName + " for that), got " + quote(host) + ".");
        }
        return h;
    }

    /** An API base URL such as {@code https://api.workos.com} or {@code http://127.0.0.1:8081}: an origin, no path. */
    public static URI apiBaseUrl(String text) {
        return HttpUrls.origin(text).orElseThrow(() -> new AuthKitConfigException(HttpUrls.parses(text.trim())
                ? "API base URL must look like https://api.workos.com or http://127.0.0.1:8081, with no path, got "
                        + quote(text) + "."
                : "API base URL is not a valid URL: " + quote(text) + "."));
    }

    /** The port variable parsed, or null when unset; out of range or not a number names it. */
    public static Integer port(String port, String name) {
        if (port == null) {
            return null;
        }
        long p = parseLong(port, name, "a port number from 1 to 65535");
        if (p < 1 || p > 65_535) {
            throw new AuthKitConfigException(name + " must be a port number from 1 to 65535, got " + quote(port) + ".");
        }
        return (int) p;
    }

    /** A webhook secret: null when unset or empty; at least 8 characters otherwise (never quoted back). */
    public static String webhookSecret(String secret, String name) {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        if (secret.length() < 8 || secret.strip().length() != secret.length()) {
            throw new AuthKitConfigException(name + " must be the webhook secret from the WorkOS dashboard "
                    + "(at least 8 characters, no surrounding spaces).");
        }
        return secret;
    }

    /** Fails with {@code message} unless {@code ok}. */
    public static void check(boolean ok, String message) {
        if (!ok) {
            throw new AuthKitConfigException(message);
        }
    }

    /** A duration option: not negative, and positive when {@code positive}; else fails naming it. */
    public static java.time.Duration duration(java.time.Duration d, String name, boolean positive) {
        check(!d.isNegative() && !(positive && d.isZero()), name + (positive ? " must be positive" : " must not be negative"));
        return d;
    }
}
