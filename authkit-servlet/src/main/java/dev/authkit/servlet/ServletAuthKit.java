package dev.authkit.servlet;

import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.servlet.internal.ServletRequestView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Static helpers for servlets and JSPs behind {@link AuthKitFilter}, the equivalents of
 * authkit-nextjs's {@code withAuth}, {@code getSignInUrl} and {@code getSignUpUrl}.
 */
public final class ServletAuthKit {
    static final String TRUST_FORWARDED_ATTRIBUTE = ServletAuthKit.class.getName() + ".trustForwardedHeaders";

    private ServletAuthKit() {
    }

    /**
     * The request's {@link Auth} ({@link Auth#signedOut()} when nobody is signed in).
     *
     * @throws IllegalStateException when {@link AuthKitFilter} did not run for this request: map it to this path
     */
    public static Auth withAuth(HttpServletRequest request) {
        Object auth = request.getAttribute(AuthKitFilter.AUTH_ATTRIBUTE);
        if (auth instanceof Auth a) {
            return a;
        }
        throw new IllegalStateException("withAuth() was called for " + request.getRequestURI()
                + ", which AuthKitFilter does not cover: map the filter to this path");
    }

    /**
     * The {@link Auth} when someone is signed in; otherwise sends the browser to sign in (307,
     * with the verifier cookie, returning to this request's path) and returns empty: the caller
     * then just returns.
     */
    public static Optional<Auth> ensureSignedIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Auth auth = withAuth(request);
        if (auth.isSignedIn()) {
            return Optional.of(auth);
        }
        String query = request.getQueryString();
        String returnTo = request.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
        String url = signInUrl(request, response, SignInOptions.builder().returnTo(returnTo).build());
        response.setStatus(307);
        response.setHeader("Location", url);
        response.setHeader("Cache-Control", "private, no-cache, no-store, must-revalidate, max-age=0");
        return Optional.empty();
    }

    /** A sign-in URL; sets its verifier cookie on {@code response}, so send the browser there in this response. */
    public static String signInUrl(HttpServletRequest request, HttpServletResponse response, SignInOptions options) {
        return apply(authKit(request).flow().signInUrl(view(request), options), response);
    }

    /** {@link #signInUrl} opening on the sign-up screen. */
    public static String signUpUrl(HttpServletRequest request, HttpServletResponse response, SignInOptions options) {
        return apply(authKit(request).flow().signUpUrl(view(request), options), response);
    }

    /** The {@link AuthKit} of the filter that handled this request. */
    public static AuthKit authKit(HttpServletRequest request) {
        Object kit = request.getAttribute(AuthKitFilter.AUTHKIT_ATTRIBUTE);
        if (kit instanceof AuthKit k) {
            return k;
        }
        throw new IllegalStateException("AuthKitFilter did not run for " + request.getRequestURI());
    }

    private static ServletRequestView view(HttpServletRequest request) {
        return new ServletRequestView(request, Boolean.TRUE.equals(request.getAttribute(TRUST_FORWARDED_ATTRIBUTE)));
    }

    private static String apply(AuthorizationRedirect redirect, HttpServletResponse response) {
        for (SetCookie c : redirect.cookies()) {
            response.addHeader("Set-Cookie", c.headerValue());
        }
        return redirect.url();
    }
}
