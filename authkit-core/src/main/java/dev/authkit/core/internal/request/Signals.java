package dev.authkit.core.internal.request;

import dev.authkit.core.ForwardedHeaders;
import java.util.Optional;

/**
 * The sign-in signals WorkOS takes with a code exchange, an organization selection and a refresh
 * (for its session list and its bot and fraud detection): the client's IP address, as the adapter
 * gave it (forwarded headers only when the adapter trusts them), and the {@code User-Agent}.
 * Bounded and cleaned: an address is an IP literal, a user agent at most {@value #MAX_USER_AGENT}
 * printable characters.
 */
public record Signals(Optional<String> ipAddress, Optional<String> userAgent) {
    static final int MAX_USER_AGENT = 512;
    public static final Signals NONE = new Signals(Optional.empty(), Optional.empty());

    static Signals of(dev.authkit.core.AuthKitRequest request) {
        Optional<String> ip;
        try {
            ip = Optional.ofNullable(request.clientAddress()).flatMap(a -> a).filter(ForwardedHeaders::isIpAddress);
        } catch (RuntimeException e) {
            ip = Optional.empty();
        }
        Optional<String> ua = request.header("User-Agent").map(Signals::printable).filter(s -> !s.isBlank());
        return new Signals(ip, ua);
    }

    public String ip() {
        return ipAddress.orElse(null);
    }

    public String agent() {
        return userAgent.orElse(null);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_USER_AGENT));
        for (int i = 0; i < s.length() && b.length() < MAX_USER_AGENT; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return b.toString().trim();
    }
}
