package dev.authkit.testkit.internal.store;

import dev.authkit.core.Impersonator;
import dev.authkit.testkit.internal.TokenIssuer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open sessions and their refresh tokens. A refresh token is single use: {@link #consume} takes it
 * atomically, so of any number of concurrent refreshes with one token exactly one succeeds and the
 * others answer {@code invalid_grant}, as WorkOS does. Thread-safe.
 */
public final class Sessions {
    private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
    /** Refresh token to session id; a token leaves this map when used. */
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private volatile Impersonator nextImpersonator;
    private volatile Listener listener = new Listener() { };

    /** Told of every session opened and every session revoked (once, when it goes from active to revoked). */
    public interface Listener {
        default void opened(SessionState session) {
        }

        default void revoked(SessionState session) {
        }
    }

    public void listener(Listener listener) {
        this.listener = listener;
    }

    /** The next session opened (of any user) is an impersonation by {@code impersonator}. */
    public void impersonateNext(Impersonator impersonator) {
        nextImpersonator = impersonator;
    }

    /** Opens a session, taking the pending impersonation if there is one. */
    public SessionState open(String userId, String organizationId, Instant now) {
        Impersonator impersonator = nextImpersonator;
        nextImpersonator = null;
        SessionState s = new SessionState(TokenIssuer.opaque("session_"), userId, organizationId, impersonator,
                impersonator != null ? "Impersonation" : "Password", now);
        sessions.put(s.id(), s);
        listener.opened(s);
        return s;
    }

    /** The session with id {@code sessionId}, or {@code null}. */
    public SessionState get(String sessionId) {
        return sessions.get(sessionId);
    }

    /** A new refresh token ({@code rt_...}) for {@code session}. */
    public String newRefreshToken(SessionState session) {
        String token = TokenIssuer.opaque("rt_");
        refreshTokens.put(token, session.id());
        return token;
    }

    /** The id of the session an unused refresh token belongs to, or {@code null}. */
    public String sessionIdOf(String refreshToken) {
        return refreshTokens.get(refreshToken);
    }

    /** Uses up {@code refreshToken} of session {@code sessionId}; false when it was used already. */
    public boolean consume(String refreshToken, String sessionId) {
        return refreshTokens.remove(refreshToken, sessionId);
    }

    /** Ends a session: its refresh tokens stop working. Unknown ids are ignored. */
    public void revoke(String sessionId) {
        SessionState s = sessions.get(sessionId);
        if (s != null && !s.revoked()) {
            s.revoke();
            listener.revoked(s);
        }
    }

    /** Every session of {@code userId}, revoked ones too, oldest first. */
    public java.util.List<SessionState> ofUser(String userId) {
        return sessions.values().stream().filter(s -> s.userId().equals(userId))
                .sorted(java.util.Comparator.comparing(SessionState::authTime).thenComparing(SessionState::id)).toList();
    }

    public boolean isActive(String sessionId) {
        SessionState s = sessions.get(sessionId);
        return s != null && !s.revoked();
    }

    public void clear() {
        sessions.clear();
        refreshTokens.clear();
        nextImpersonator = null;
    }
}
