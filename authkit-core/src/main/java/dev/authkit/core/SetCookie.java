package dev.authkit.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A cookie to set or delete, rendered as one {@code Set-Cookie} header by {@link #headerValue()}:
 * {@code name=value; Path=/; Max-Age=N; Domain=D; HttpOnly; Secure; SameSite=Lax}. The value is
 * written as JavaScript's {@code encodeURIComponent} would, so a Next.js app reads the same value.
 *
 * @param name     cookie name
 * @param value    cookie value, unencoded; empty for a deletion
 * @param maxAge   {@code Max-Age} in seconds; 0 deletes
 * @param path     {@code Path}, usually {@code /}; empty to leave it out
 * @param domain   {@code Domain}, if any
 * @param httpOnly whether scripts are kept from reading it
 * @param secure   whether it is sent over HTTPS only
 * @param sameSite the {@code SameSite} attribute, if any
 */
public record SetCookie(String name, String value, long maxAge, Optional<String> path, Optional<String> domain,
                        boolean httpOnly, boolean secure, Optional<SameSite> sameSite) {
    public SetCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        path = path == null ? Optional.empty() : path;
        domain = domain == null ? Optional.empty() : domain;
        sameSite = sameSite == null ? Optional.empty() : sameSite;
        if (maxAge < 0) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
    }

    /** True for a deletion ({@code Max-Age=0}). */
    public boolean isDeletion() {
        return maxAge == 0;
    }

    /** The same cookie, deleted: empty value, {@code Max-Age=0}, the same path, domain and flags. */
    public SetCookie deleted() {
        return new SetCookie(name, "", 0, path, domain, httpOnly, secure, sameSite);
    }

    /** The {@code Set-Cookie} header value. A deletion also carries {@code Expires} in 1970 for old clients. */
    public String headerValue() {
        StringBuilder b = new StringBuilder(name.length() + value.length() + 96);
        b.append(name).append('=').append(encodeUriComponent(value));
        path.ifPresent(p -> b.append("; Path=").append(p));
        domain.ifPresent(d -> b.append("; Domain=").append(d));
        b.append("; Max-Age=").append(maxAge);
        if (maxAge == 0) {
            b.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        if (secure) {
            b.append("; Secure");
        }
        sameSite.ifPresent(s -> b.append("; SameSite=").append(s.attributeValue()));
        return b.toString();
    }

    /** JavaScript's {@code encodeURIComponent}: everything but {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )} escaped. */
    static String encodeUriComponent(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            plain = isUnreserved(s.charAt(i));
        }
        if (plain) {
            return s;
        }
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-_.!~*'()".indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        return "SetCookie{" + name + (isDeletion() ? ", deleted" : ", value hidden, Max-Age=" + maxAge) + "}";
    }
}
