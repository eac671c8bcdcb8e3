package dev.authkit.testkit.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which URIs FakeWorkOS redirects to. With redirect URIs registered, {@code redirect_uri} must be
 * one of them exactly and a sign-out {@code return_to} must share the origin of one; with none
 * registered, both must be http(s) on localhost, 127.0.0.1 or [::1], so that a fake started
 * without options still works for any local application and never redirects off the machine.
 */
public final class RedirectRules {
    private final List<String> registered;

    public RedirectRules(List<String> registered) {
        this.registered = List.copyOf(registered);
    }

    /** Whether {@code uri} may be the {@code redirect_uri} of an authorization. */
    public boolean redirectAllowed(String uri) {
        if (!registered.isEmpty()) {
            return registered.contains(uri);
        }
        return isLoopbackHttp(uri);
    }

    /** Whether sign-out may send the browser to {@code uri} ({@code return_to}). */
    public boolean logoutReturnAllowed(String uri) {
        if (registered.isEmpty()) {
            return isLoopbackHttp(uri);
        }
        Optional<String> origin = origin(uri);
        return origin.isPresent() && registered.stream().map(RedirectRules::origin).anyMatch(o -> o.equals(origin));
    }

    private static boolean isLoopbackHttp(String uri) {
        try {
            URI u = new URI(uri);
            String host = u.getHost();
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && host != null && Set.of("localhost", "127.0.0.1", "[::1]").contains(host.toLowerCase(Locale.ROOT));
        } catch (Exception e) {
            return false;
        }
    }

    /** {@code scheme://host:port}, lower case, with the default port written out; empty for a URI without one. */
    private static Optional<String> origin(String uri) {
        try {
            URI u = new URI(uri);
            if (u.getScheme() == null || u.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT)
                    + ":" + (u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
