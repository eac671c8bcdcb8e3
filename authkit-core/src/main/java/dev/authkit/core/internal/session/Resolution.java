package dev.authkit.core.internal.session;

import dev.authkit.core.Auth;
import dev.authkit.core.Session;
import dev.authkit.core.SetCookie;
import dev.authkit.core.internal.workos.WorkOSResponses;
import java.util.List;
import java.util.Optional;

/**
 * The request's session after reading and any refresh: what every later stage of the request
 * uses (the JSON routes, explicit refreshes, organization switches), so no refresh token is used
 * twice by one request.
 *
 * @param auth          who is signed in for this request
 * @param cookies       what the response must set (a refreshed session, a deletion)
 * @param refreshed     whether this request refreshed the session
 * @param cookiePresent whether the request carried a session cookie
 * @param failure       the refresh failure, when one left the request signed out
 * @param session       the session as it is now, refreshed or not; empty when there is none or it ended
 * @param sessionBytes  the session's size in bytes: its cookies in the request, or what this request wrote
 *                      (cookie forms, or the sealed store entry); 0 without a session
 * @param tooLarge      the refreshed session fits in no cookie form (no store configured): it was not
 *                      written, the request's session cookies are deleted, pages answer an error naming the fix
 */
public record Resolution(Auth auth, List<SetCookie> cookies, boolean refreshed, boolean cookiePresent,
                         Optional<WorkOSResponses.Failure> failure, Optional<Session> session, int sessionBytes,
                         boolean tooLarge) {
    public Resolution {
        cookies = List.copyOf(cookies);
    }

    public Resolution(Auth auth, List<SetCookie> cookies, boolean refreshed, boolean cookiePresent,
                      Optional<WorkOSResponses.Failure> failure, Optional<Session> session) {
        this(auth, cookies, refreshed, cookiePresent, failure, session, 0, false);
    }

    /** The session store could not be reached: signed out for this request, nothing deleted, protected pages 503. */
    public static Resolution storeUnavailable() {
        return new Resolution(Auth.signedOut(), List.of(), false, true, Optional.of(new WorkOSResponses.Failure(
                WorkOSResponses.Kind.TRANSIENT, 0, Optional.of("session_store_unavailable"), Optional.empty())),
                Optional.empty());
    }

    /**
     * This resolution with the {@code extra} cookies (the reader's clean-up) whose names its own
     * cookies do not already set, and with {@code bytes} as its size unless it wrote a session itself.
     */
    public Resolution with(List<SetCookie> extra, int bytes) {
        List<SetCookie> all = new java.util.ArrayList<>();
        for (SetCookie c : extra) {
            if (cookies.stream().noneMatch(own -> own.name().equals(c.name()))) {
                all.add(c);
            }
        }
        all.addAll(cookies);
        return new Resolution(auth, all, refreshed, cookiePresent, failure, session, sessionBytes > 0 ? sessionBytes : bytes,
                tooLarge);
    }

    public static Resolution none() {
        return new Resolution(Auth.signedOut(), List.of(), false, false, Optional.empty(), Optional.empty());
    }

    /** A session kept as it is: signed in with {@code auth} (or signed out when the token is unusable), nothing to set. */
    public static Resolution kept(Auth auth, Session session) {
        return new Resolution(auth, List.of(), false, true, Optional.empty(), Optional.of(session));
    }

    /** A stale session was kept because WorkOS could not be reached: protected routes answer 503. */
    public boolean unavailable() {
        return failure.filter(WorkOSResponses.Failure::isTransient).isPresent();
    }

    /** WorkOS ended the session (not a passing failure). */
    public boolean ended() {
        return failure.filter(f -> !f.isTransient()).isPresent();
    }
}
