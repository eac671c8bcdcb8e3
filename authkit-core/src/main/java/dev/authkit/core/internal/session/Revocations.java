package dev.authkit.core.internal.session;

import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.RevocationList;
import dev.authkit.core.Session;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.events.EventSink;
import dev.authkit.core.internal.request.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocation check of the session stage and the one place that puts sessions on the
 * {@link RevocationList}. An entry is kept as long as a revoked session could still present a
 * valid access token: the longest access-token lifetime this instance has verified, at least an
 * hour, plus the refresh grace period. The floor is for an instance that has verified no token yet
 * (just started, or one the load balancer has not sent a session to) when the webhook reaches it:
 * it cannot know that WorkOS issues hour-long tokens, and an entry kept too long costs only memory
 * (a revoked session never comes back), one kept too short lets a copied cookie back in.
 */
public final class Revocations {
    private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);
    /**
     * The least retention, one hour: longer than WorkOS's default access-token lifetime (five
     * minutes) and than the lifetimes teams commonly configure.
     */
    static final long MIN_LIFETIME_SECONDS = 3_600;

    private final RevocationList list;
    private final EventSink events;
    private final Clock clock;
    private final Duration grace;
    private final AtomicLong longestLifetime = new AtomicLong(MIN_LIFETIME_SECONDS);

    public Revocations(RevocationList list, EventSink events, Clock clock, Duration grace) {
        this.list = list;
        this.events = events;
        this.clock = clock;
        this.grace = grace;
    }

    /**
     * Puts {@code sessionId} on the list for as long as a token of it may still be valid and emits
     * {@code SessionRevoked}; false when the list could not take it (a shared list unreachable).
     */
    public boolean revoke(String sessionId, Optional<String> userId, String reason) {
        try {
            list.revoke(sessionId, retainUntil());
        } catch (RuntimeException e) {
            LOG.warn("[AuthKit] the revocation list could not take a revocation ({})", e.getClass().getSimpleName());
            return false;
        }
        events.emit(new AuthKitEvent.SessionRevoked(events.now(), userId, Optional.of(sessionId), reason));
        return true;
    }

    /** {@link RequestContext#mayBlock()} unless the list answers without blocking ({@link RevocationList#nonBlocking()}). */
    public void mayBlock(RequestContext ctx) {
        if (!list.nonBlocking()) {
            ctx.mayBlock();
        }
    }

    /** Until when a revocation made now must be remembered. */
    public Instant retainUntil() {
        return clock.instant().plusSeconds(longestLifetime.get()).plus(grace);
    }

    /**
     * Whether the session is revoked; {@code valid} are its verified claims, if any, else the
     * session id is read from the token unverified (a forged one can only sign its bearer out).
     */
    boolean revoked(Session session, TokenClaims valid) {
        if (valid != null) {
            return revoked(valid, Optional.of(session.user().id()));
        }
        return revoked(TokenClaims.decodeUnverified(session.accessToken()).flatMap(TokenClaims::sessionId),
                Optional.of(session.user().id()));
    }

    /**
     * Whether the session of a verified bearer access token is revoked (a token copied out of a
     * revoked session, or relayed by a gateway, must not outlive the session's revocation); call
     * {@link #mayBlock} first.
     */
    public boolean revokedBearer(TokenClaims valid) {
        return revoked(valid, valid.subject());
    }

    private boolean revoked(TokenClaims valid, Optional<String> userId) {
        longestLifetime.accumulateAndGet(Math.min(valid.lifetimeSeconds(), 86_400L), Math::max);
        return revoked(valid.sessionId(), userId);
    }

    /** Asks the list; a revoked session emits {@code SessionRevoked}. */
    private boolean revoked(Optional<String> sid, Optional<String> userId) {
        if (sid.isEmpty() || !isRevoked(sid.get())) {
            return false;
        }
        events.emit(new AuthKitEvent.SessionRevoked(events.now(), userId, sid, "revoked"));
        return true;
    }

    private boolean isRevoked(String sid) {
        try {
            return list.isRevoked(sid);
        } catch (RuntimeException e) { // a shared list that cannot be reached: the session goes on, as without a list
            LOG.warn("[AuthKit] the revocation list could not be read ({}); session not checked", e.getClass().getSimpleName());
            return false;
        }
    }
}
