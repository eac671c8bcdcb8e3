package dev.authkit.core.internal.refresh;

import dev.authkit.core.Auth;
import dev.authkit.core.RefreshFailure;
import dev.authkit.core.Session;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.session.AuthValues;
import dev.authkit.core.internal.session.Resolution;
import dev.authkit.core.internal.session.SessionCookies;
import dev.authkit.core.internal.session.SessionState;
import dev.authkit.core.internal.workos.WorkOSResponses;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the session a request carries into the session it goes on with: a fresh one as it is, a
 * due one refreshed. Only WorkOS saying the session is over signs a user out and deletes the
 * cookie; a transient failure keeps the cookie (protected routes then answer 503), and a failed
 * early refresh keeps serving the still-valid token.
 */
public final class SessionRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRefresh.class);

    private final Refresher refresher;
    private final SessionCookies cookies;
    private final AuthValues values;
    private final Clock clock;
    private final DecisionLog decisions;
    private final SessionLimits limits;

    public SessionRefresh(Refresher refresher, SessionCookies cookies, AuthValues values, Clock clock, boolean debug,
                          SessionLimits limits) {
        this.limits = limits;
        this.refresher = refresher;
        this.cookies = cookies;
        this.values = values;
        this.clock = clock;
        this.decisions = new DecisionLog(LOG, debug);
    }

    /**
     * @param refreshIfStale false for requests that exchange the refresh token themselves (an
     *                       explicit refresh or organization switch): a stale session is then
     *                       handed on unrefreshed, so the request makes one call to WorkOS, not two
     */
    public Resolution resolve(RequestContext ctx, SessionState state, boolean refreshIfStale) {
        if (state instanceof SessionState.None) {
            return Resolution.none();
        }
        if (state instanceof SessionState.Unavailable) {
            return Resolution.storeUnavailable();
        }
        if (state instanceof SessionState.Broken broken) {
            return new Resolution(Auth.signedOut(), broken.revoked() ? cookies.end(ctx) : cookies.deletion(ctx), false, true, Optional.empty(),
                    Optional.empty());
        }
        Session current = state instanceof SessionState.Fresh f ? f.session() : ((SessionState.Stale) state).session();
        SessionLimits.Verdict verdict = limits.check(current);
        if (verdict == SessionLimits.Verdict.IDLE || verdict == SessionLimits.Verdict.TOO_OLD) {
            decisions.decide("session of user " + current.user().id() + (verdict == SessionLimits.Verdict.IDLE
                    ? " unused longer than the inactivity timeout" : " older than the absolute timeout") + ": signed out, cookie cleared");
            return new Resolution(Auth.signedOut(), cookies.end(ctx), false, true, Optional.empty(), Optional.empty());
        }
        if (state instanceof SessionState.Fresh fresh) {
            Resolution kept = Resolution.kept(values.cookie(fresh.session(), fresh.claims()), fresh.session());
            if (verdict == SessionLimits.Verdict.RENEW) { // the coarse last-seen time, at most once a minute
                SessionCookies.Written written = cookies.write(ctx, fresh.session(), false);
                if (!written.tooLarge()) {
                    kept = new Resolution(kept.auth(), written.cookies(), false, true, Optional.empty(),
                            Optional.of(fresh.session()), written.bytes(), false);
                }
            }
            return kept.with(fresh.cleanup(), fresh.bytes());
        }
        SessionState.Stale stale = (SessionState.Stale) state;
        return resolveStale(ctx, stale, refreshIfStale).with(stale.cleanup(), stale.bytes());
    }

    private Resolution resolveStale(RequestContext ctx, SessionState.Stale stale, boolean refreshIfStale) {
        Session session = stale.session();
        Optional<TokenClaims> valid = stale.validClaims();
        if (!refreshIfStale) {
            return Resolution.kept(valid.map(c -> values.cookie(session, c)).orElse(Auth.signedOut()), session);
        }
        ctx.mayBlock(); // a call to WorkOS: nothing of this request was done yet
        decisions.decide("access token of user " + session.user().id() + " " + stale.why()
                + (valid.isPresent() ? ": refreshing early" : ": refreshing"));
        Exchange exchange = refresher.exchange(session, Refresher.organizationOf(session, valid).orElse(null),
                ctx.signals());
        if (exchange.ok()) {
            SessionCookies.Written written = cookies.write(ctx, exchange.session(), false);
            if (written.tooLarge()) {
                // the old refresh token is spent: the session cannot go on, and must not loop through sign-in
                return new Resolution(Auth.signedOut(), written.cookies(), true, true, Optional.empty(), Optional.empty(),
                        written.bytes(), true);
            }
            return new Resolution(values.cookie(exchange.session(), exchange.claims()), written.cookies(), true, true,
                    Optional.empty(), Optional.of(exchange.session()), written.bytes(), false);
        }
        WorkOSResponses.Failure failure = exchange.failure();
        if (valid.isPresent() && clock.instant().getEpochSecond() < valid.get().expiresAt()) {
            decisions.decide("early refresh failed (" + failure.description() + "); the current token is still valid, serving it");
            return Resolution.kept(values.cookie(session, valid.get()), session);
        }
        refresher.failed(new RefreshFailure("refresh failed: " + failure.description(), !failure.endsSession(), ctx.request()));
        if (failure.endsSession()) {
            decisions.decide("refresh failed (" + failure.description() + "): WorkOS ended the session, cookie cleared");
            return new Resolution(Auth.signedOut(), cookies.end(ctx), false, true, Optional.of(failure),
                    Optional.empty());
        }
        // A transient failure keeps the session for the next request; any other refusal (SSO or MFA
        // now required) keeps the cookie too, and the user signs in again where a page needs it.
        decisions.decide("refresh failed (" + failure.description() + "): signed out for this request, cookie kept");
        return new Resolution(Auth.signedOut(), List.of(), false, true, Optional.of(failure), Optional.of(session));
    }
}
