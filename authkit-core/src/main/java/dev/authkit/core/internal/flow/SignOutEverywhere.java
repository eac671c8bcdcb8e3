package dev.authkit.core.internal.flow;

import com.workos.WorkOS;
import com.workos.common.exceptions.NotFoundException;
import com.workos.models.SessionCreatedData;
import com.workos.types.UserSessionsStatus;
import dev.authkit.core.Outcome;
import dev.authkit.core.Session;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.outcome.ErrorPages;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.session.Revocations;
import dev.authkit.core.internal.session.SessionCookies;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign out everywhere: lists the user's sessions through WorkOS's Sessions API, puts every one on
 * the revocation list at once (this instance's and, when shared, every instance's), revokes each
 * at WorkOS, then signs this browser out as {@link SignOutFlow} does. WorkOS unreachable or
 * refusing: 503, this browser stays signed in so the user can try again (a session WorkOS no
 * longer knows is skipped).
 */
public final class SignOutEverywhere {
    private static final Logger LOG = LoggerFactory.getLogger(SignOutEverywhere.class);
    /** At most this many of a user's sessions are listed and revoked. */
    static final int MAX_SESSIONS = 1000;

    private final WorkOS workos;
    private final SessionCookies sessions;
    private final SignOutFlow signOut;
    private final Revocations revocations;
    private final DecisionLog decisions;

    public SignOutEverywhere(WorkOS workos, SessionCookies sessions, SignOutFlow signOut, Revocations revocations,
                             boolean debug) {
        this.workos = workos;
        this.sessions = sessions;
        this.signOut = signOut;
        this.revocations = revocations;
        this.decisions = new DecisionLog(LOG, debug);
    }

    /** @param returnTo as for sign-out: a local path or a URL on an allowed origin */
    public Outcome signOutEverywhere(RequestContext ctx, Optional<String> returnTo) {
        Optional<Session> session = sessions.read(ctx);
        if (session.isEmpty()) {
            return signOut.signOut(ctx, returnTo);
        }
        String userId = session.get().user().id();
        if (session.get().impersonator().isPresent()) {
            // support staff looking through a user's eyes must not end the user's own sessions
            decisions.decide("sign out everywhere while impersonating user " + userId + ": only this session ends");
            return signOut.signOut(ctx, returnTo);
        }
        // this browser's own session goes on the list and is revoked at WorkOS last: when WorkOS
        // fails half-way the answer is 503 and this browser must stay signed in to try again
        Optional<String> own = TokenClaims.decodeUnverified(session.get().accessToken()).flatMap(TokenClaims::sessionId);
        Set<String> ids = new LinkedHashSet<>();
        try {
            for (SessionCreatedData s : workos.getUserManagement().listSessions(userId).autoPagingIterable()) {
                if (ids.size() >= MAX_SESSIONS) {
                    break; // no more pages: a user with thousands of ended sessions must not cost hundreds of calls
                }
                // a session WorkOS already lists as revoked or expired needs no call (a long-lived
                // user has many); one it does not describe is revoked to be sure
                boolean over = s.getStatus() == UserSessionsStatus.Revoked || s.getStatus() == UserSessionsStatus.Expired;
                if (s.getId() != null && !over && !own.equals(Optional.of(s.getId()))) {
                    ids.add(s.getId());
                }
            }
        } catch (Exception e) { // the SDK throws checked exceptions undeclared
            LOG.warn("[AuthKit] sign out everywhere: WorkOS could not list the sessions of user {} ({})", userId,
                    e.getClass().getSimpleName());
            return ErrorPages.unavailable(ctx, List.of(), List.of());
        }
        for (String id : ids) {
            if (!revocations.revoke(id, Optional.of(userId), "signed out everywhere")) {
                return ErrorPages.unavailable(ctx, List.of(), List.of());
            }
        }
        own.ifPresent(ids::add); // last
        for (String id : ids) {
            try {
                workos.getUserManagement().revokeSession(id);
            } catch (NotFoundException gone) {
                // already ended at WorkOS
            } catch (Exception e) {
                LOG.warn("[AuthKit] sign out everywhere: WorkOS could not revoke a session of user {} ({})", userId,
                        e.getClass().getSimpleName());
                return ErrorPages.unavailable(ctx, List.of(), List.of());
            }
        }
        if (own.isPresent() && !revocations.revoke(own.get(), Optional.of(userId), "signed out everywhere")) {
            return ErrorPages.unavailable(ctx, List.of(), List.of());
        }
        decisions.decide("signed out everywhere: " + ids.size() + " session(s) of user " + userId + " revoked");
        return signOut.signOut(ctx, returnTo);
    }
}
