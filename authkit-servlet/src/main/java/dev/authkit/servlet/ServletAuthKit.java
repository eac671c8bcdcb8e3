package dev.authkit.servlet;

import dev.authkit.core.AccessRule;
import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.Outcome;
import dev.authkit.core.RefreshOutcome;
import dev.authkit.core.SignInOptions;
import dev.authkit.servlet.internal.ServletRequestView;
import dev.authkit.servlet.internal.ServletResponseView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Static helpers for servlets and JSPs behind {@link AuthKitFilter}, the equivalents of
 * authkit-nextjs's {@code withAuth}, {@code getSignInUrl}, {@code getSignUpUrl} and
 * {@code refreshSession}. The decisions (sign-in required, forbidden) are the core's; these only
 * carry them out.
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
     * The {@link Auth} when someone is signed in; otherwise answers with the core's
     * {@link AuthKit#signInRequired} decision (a page load is sent to sign in, returning to this
     * request's path and query, on the sign-up screen for a sign-up path; a script gets 401) and
     * returns empty: the caller then just returns.
     */
    public static Optional<Auth> ensureSignedIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Auth auth = withAuth(request);
        if (auth.isSignedIn()) {
            return Optional.of(auth);
        }
        AuthKitFilter.apply(authKit(request).signInRequired(view(request)), response, request);
        return Optional.empty();
    }

    /**
     * Whether the request's {@link Auth} meets {@code rule}, decided by the core
     * ({@link AuthKit#authorize}); when it does not, answers with the core's outcome (a sign-in
     * redirect or 401 for a signed-out caller, 403 with the core's message otherwise; an HTML
     * error through {@code sendError}) and returns false: the caller then just returns.
     */
    public static boolean authorize(HttpServletRequest request, HttpServletResponse response, AccessRule rule) throws IOException {
        Optional<Outcome> denied = authKit(request).authorize(view(request), withAuth(request), rule);
        if (denied.isPresent()) {
            AuthKitFilter.apply(denied.get(), response, request);
            return false;
        }
        return true;
    }

    /**
     * Answers 403 with the core's {@link AuthKit#forbidden} decision (through {@code sendError}
     * for a page load, so the application's error page applies; JSON for scripts). For a signed-in
     * user who lacks a role or permission.
     *
     * @param reason one sentence for the user; no secrets
     */
    public static void forbidden(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        AuthKitFilter.apply(authKit(request).forbidden(view(request), reason), response, request);
    }

    /**
     * Refreshes the request's session now, into {@code organizationId} when given, using the
     * session {@link AuthKitFilter} resolved for this request (never the cookie's, whose refresh
     * token may be used up), and sets the new cookie on {@code response}. See
     * {@link AuthKit#refreshSession(dev.authkit.core.AuthKitRequest, Auth, Optional)}.
     */
    public static RefreshOutcome refreshSession(HttpServletRequest request, HttpServletResponse response,
                                                Optional<String> organizationId) {
        RefreshOutcome outcome = authKit(request).refreshSession(view(request), withAuth(request), organizationId);
        ServletResponseView.headersOnly(response).addCookies(outcome.cookies());
        if (outcome instanceof RefreshOutcome.Refreshed r) {
            request.setAttribute(AuthKitFilter.AUTH_ATTRIBUTE, r.auth());
        }
        return outcome;
    }

    /** A sign-in URL; sets its verifier cookie on {@code response}, so send the browser there in this response. */
    public static String signInUrl(HttpServletRequest request, HttpServletResponse response, SignInOptions options) {
        return apply(authKit(request).flow().signInUrl(view(request), options), response);
    }

    /** {@link #signInUrl} opening on the sign-up screen. */
    public static String signUpUrl(HttpServletRequest request, HttpServletResponse response, SignInOptions options) {
        return apply(authKit(request).flow().signUpUrl(view(request), options), response);
    }

    /**
     * Ends the request's session for a sign-out the application runs itself (for instance Spring
     * Security's logout): sets the cookie deletions on {@code response} and returns where to send the
     * browser next, WorkOS's logout URL for the session (which ends it at WorkOS and comes back to
     * {@code returnTo}), or {@code returnTo} when there was no session. See
     * {@link dev.authkit.core.AuthFlow#signOut}; an unsafe {@code returnTo} is ignored.
     */
    public static String signOut(HttpServletRequest request, HttpServletResponse response, Optional<String> returnTo) {
        Outcome outcome = authKit(request).flow().signOut(view(request), returnTo);
        ServletResponseView.headersOnly(response).addCookies(outcome.cookies());
        request.setAttribute(AuthKitFilter.AUTH_ATTRIBUTE, Auth.signedOut());
        return outcome instanceof Outcome.Redirect r ? r.location() : request.getContextPath() + "/";
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
        ServletResponseView.headersOnly(response).addCookies(redirect.cookies());
        return redirect.url();
    }
}
