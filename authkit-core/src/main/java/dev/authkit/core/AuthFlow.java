package dev.authkit.core;

import dev.authkit.core.internal.flow.CallbackFlow;
import dev.authkit.core.internal.flow.SignInFlow;
import dev.authkit.core.internal.flow.SignOutFlow;
import dev.authkit.core.internal.request.RequestContext;
import java.util.Optional;

/**
 * The browser round trips: sign-in and sign-up URLs, the callback, and sign-out, for applications
 * that wire these routes themselves (the built-in {@link Routes} use the same flows).
 *
 * <p>Every sign-in is protected by PKCE (S256) and by a double-submitted state: the OAuth
 * {@code state} is the sealed {@code {nonce, codeVerifier, customState, returnPathname}} (valid ten
 * minutes), and the same value is set as the cookie {@code wos-auth-verifier-<fnv1a32(state)>}. The
 * callback accepts only a state equal to that cookie (compared in constant time), exchanges the
 * code with the verifier, and sends the user back to a path on this application only.
 *
 * <p>Obtained from {@link AuthKit#flow()}. Thread-safe.
 */
public final class AuthFlow {
    private final SignInFlow signIn;
    private final CallbackFlow callback;
    private final SignOutFlow signOut;

    AuthFlow(SignInFlow signIn, CallbackFlow callback, SignOutFlow signOut) {
        this.signIn = signIn;
        this.callback = callback;
        this.signOut = signOut;
    }

    /**
     * A sign-in URL and the verifier cookie that must go with the redirect to it. It comes back to
     * the redirect URI in use (the builder's override, else the configuration's) unless
     * {@code options} names another. A return path over 1,024 bytes, a login hint over 256 and an
     * organization id over 64 are dropped, never an error.
     */
    public AuthorizationRedirect signInUrl(AuthKitRequest request, SignInOptions options) {
        return signIn.authorization(RequestContext.of(request), options, true);
    }

    /** {@link #signInUrl} opening on the sign-up screen. */
    public AuthorizationRedirect signUpUrl(AuthKitRequest request, SignInOptions options) {
        return signInUrl(request, options.toBuilder().screenHint(ScreenHint.SIGN_UP).build());
    }

    /**
     * Completes a sign-in at the redirect URI: checks {@code code}, {@code state} and the verifier
     * cookie, exchanges the code, stores the session and redirects (307) to the return path on
     * this application's origin (or {@code baseUrl}'s). Failures answer with {@code onError}'s
     * response or an error that names nothing secret: 400 for a bad or stale request, 502 when
     * WorkOS fails. The verifier cookie is cleared either way.
     */
    public Outcome handleCallback(AuthKitRequest request, CallbackOptions options) {
        return callback.handle(RequestContext.of(request), options);
    }

    /**
     * Ends the session: clears the session cookie, every pending verifier cookie and the eager
     * access-token cookie, then redirects to WorkOS's logout URL for the session (which ends it
     * at WorkOS and comes back to {@code returnTo}). Without a session it redirects straight to
     * {@code returnTo}, or the application's root ({@code /}, or the context path's root).
     *
     * <p>{@code returnTo} must be a path on this application or a URL on an allowed origin
     * (the redirect URI's, and those given to {@link AuthKit.Builder#allowedReturnOrigins}); anything
     * else is ignored, so sign-out cannot be turned into an open redirect.
     */
    public Outcome signOut(AuthKitRequest request, Optional<String> returnTo) {
        return signOut.signOut(RequestContext.of(request), returnTo);
    }
}
