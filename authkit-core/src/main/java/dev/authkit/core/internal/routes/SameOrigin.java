package dev.authkit.core.internal.routes;

import dev.authkit.core.internal.request.RequestContext;
import java.util.Locale;

/**
 * The CSRF rule of authkit's state-changing routes: the request carries {@link #CSRF_HEADER}
 * (which a cross-site page cannot send without a CORS preflight that is never granted) or an
 * {@code Origin} equal to the application's own (which browsers send on every form post).
 */
public final class SameOrigin {
    /** A header any same-origin script may set; its presence proves the request is not a cross-site form. */
    public static final String CSRF_HEADER = "X-AuthKit-Request";

    private SameOrigin() {
    }

    public static boolean check(RequestContext ctx) {
        if (!ctx.request().headers(CSRF_HEADER).isEmpty()) {
            return true;
        }
        return ctx.request().header("Origin").map(o -> o.toLowerCase(Locale.ROOT).equals(ctx.origin().toLowerCase(Locale.ROOT)))
                .orElse(false);
    }
}
