package dev.authkit.core.internal.flow;

import dev.authkit.core.internal.request.HttpUrls;
import dev.authkit.core.internal.request.RequestContext;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Where authkit may send a browser after sign-out or an organization switch: a path on this
 * application, or a URL on one of the allowed origins (the redirect URI's, the builder's
 * {@code allowedReturnOrigins}, the request's own). Anything else is refused, so no flow becomes
 * an open redirect.
 */
public final class ReturnTargets {
    private final Set<String> allowedOrigins;

    /** @param allowedOrigins origins as {@link HttpUrls#originOf} writes them */
    public ReturnTargets(Set<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** An absolute URL for {@code returnTo}, or empty when it would leave this application's allowed origins. */
    public Optional<String> safeReturnTo(RequestContext ctx, String returnTo) {
        if (returnTo.isEmpty() || !SignInFlow.fits(returnTo, SignInFlow.MAX_RETURN_TO_BYTES)
                || returnTo.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return Optional.empty();
        }
        if (HttpUrls.isLocalPath(returnTo)) {
            return Optional.of(ctx.origin() + returnTo);
        }
        // a #fragment is fine on a page to return to (it never reaches a server), unlike on a redirect URI
        int hash = returnTo.indexOf('#');
        Optional<URI> uri = HttpUrls.absolute(hash < 0 ? returnTo : returnTo.substring(0, hash))
                .filter(u -> HttpUrls.parses(returnTo));
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        String origin = HttpUrls.originOf(uri.get());
        return allowedOrigins.contains(origin) || origin.equals(ctx.origin()) ? Optional.of(returnTo) : Optional.empty();
    }
}
