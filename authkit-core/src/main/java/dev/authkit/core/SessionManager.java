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

    /** The session the request carries (plain, chunked or stored), unverified; empty when absent or unreadable. */
    public Optional<Session> readSession(AuthKitRequest request) {
        return cookies.read(RequestContext.of(request));
    }

    /**
     * The plain session cookie for {@code session} (sealed, no expiration inside, as authkit-nextjs
     * writes it), whatever its size and whatever the session store: for a custom flow that sets
     * one cookie. Prefer {@link #saveSessionCookies}, which writes the form the session needs.
     */
    public SetCookie saveSession(AuthKitRequest request, Session session) {
        return cookies.plain(RequestContext.of(request), session);
    }

    /**
     * The cookies that store {@code session} as {@link AuthKit#handle} would: the plain cookie when
     * it fits in 4,096 bytes, else chunks ({@code <cookie name>.0}, {@code .1}, ...), or with a
     * {@link SessionStore} a reference to a new store entry; each with the deletions of the other
     * forms the request carries. Empty when the session is too large for cookies and no store is
     * configured (see {@code docs/large-sessions.md}).
     */
    public java.util.List<SetCookie> saveSessionCookies(AuthKitRequest request, Session session) {
        dev.authkit.core.internal.session.SessionCookies.Written w = cookies.write(RequestContext.of(request), session, true);
        return w.tooLarge() ? java.util.List.of() : w.cookies();
    }

    /** The cookie that deletes the plain session cookie (same name, path and domain, {@code Max-Age=0}). */
    public SetCookie clearSession(AuthKitRequest request) {
        return cookies.factory().sessionDeletion(RequestContext.of(request));
    }

    /**
     * Ends the request's session in every form: deletes its store entry, if any, and answers the
     * deletions of the plain cookie and of every chunk the request carries.
     */
    public java.util.List<SetCookie> clearSessionCookies(AuthKitRequest request) {
        return cookies.end(RequestContext.of(request));
    }
}
