package dev.authkit.core;

import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.session.SessionCookies;
import java.util.Optional;

/**
 * The session cookie for custom flows: read the session a request carries, write the cookie that
 * stores one, write the cookie that clears it. On every request {@link AuthKit#handle} does the
 * rest (verification, refresh, single flight across requests and instances); an application that
 * needs the signed-in user takes the {@link Auth} that {@code handle} resolved, never a second
 * reading of the cookie, so a refresh token is used once.
 *
 * <p>Obtained from {@link AuthKit#sessions()}. Thread-safe. Never logs a token or a cookie value.
 */
public final class SessionManager {
    private final SessionCookies cookies;

    SessionManager(SessionCookies cookies) {
        this.cookies = cookies;
    }

    /** The session sealed in the request's cookie, unverified; empty when absent or unreadable. */
    public Optional<Session> readSession(AuthKitRequest request) {
        return cookies.read(RequestContext.of(request));
    }

    /** The cookie that stores {@code session} (sealed, no expiration inside, as authkit-nextjs). */
    public SetCookie saveSession(AuthKitRequest request, Session session) {
        return cookies.write(RequestContext.of(request), session);
    }

    /** The cookie that deletes the session cookie (same name, path and domain, {@code Max-Age=0}). */
    public SetCookie clearSession(AuthKitRequest request) {
        return cookies.deletion(RequestContext.of(request));
    }
}
