package dev.authkit.core.internal.session;

import dev.authkit.core.Session;
import dev.authkit.core.SetCookie;
import dev.authkit.core.internal.crypto.TokenClaims;
import java.util.List;
import java.util.Optional;

/**
 * What the session cookie of a request holds, read once by {@link SessionReader} before anything
 * may refresh it.
 */
public sealed interface SessionState {

    /** Whether the request carried a session cookie at all. */
    boolean cookiePresent();

    /** No session cookie. */
    record None() implements SessionState {
        @Override
        public boolean cookiePresent() {
            return false;
        }
    }

    /**
     * A cookie that does not hold a usable session (tampered, foreign, a token of another user): delete it.
     *
     * @param revoked the session was revoked: end it for good (its store entry too)
     */
    record Broken(boolean revoked) implements SessionState {
        public Broken() {
            this(false);
        }

        @Override
        public boolean cookiePresent() {
            return true;
        }
    }

    /**
     * The session's store cannot be reached: nobody is signed in for this request, and nothing is
     * deleted (the session is kept for when the store is back).
     */
    record Unavailable() implements SessionState {
        @Override
        public boolean cookiePresent() {
            return true;
        }
    }

    /**
     * A session whose verified access token is not yet due for refresh.
     *
     * @param cleanup deletions of cookies of another, older form or stale chunks, to send with the answer
     * @param bytes   the size of the session's cookies in the request's {@code Cookie} header
     */
    record Fresh(Session session, TokenClaims claims, List<SetCookie> cleanup, int bytes) implements SessionState {
        public Fresh(Session session, TokenClaims claims) {
            this(session, claims, List.of(), 0);
        }

        @Override
        public boolean cookiePresent() {
            return true;
        }
    }

    /**
     * A session whose access token is due: still valid but inside the refresh buffer
     * ({@code validClaims} present), or expired or invalid ({@code validClaims} empty, {@code why}
     * says which, for the decision log).
     */
    record Stale(Session session, Optional<TokenClaims> validClaims, String why, List<SetCookie> cleanup, int bytes)
            implements SessionState {
        public Stale(Session session, Optional<TokenClaims> validClaims, String why) {
            this(session, validClaims, why, List.of(), 0);
        }

        @Override
        public boolean cookiePresent() {
            return true;
        }
    }
}
