package dev.authkit.core.internal.refresh;

import com.workos.WorkOS;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.core.RefreshFailure;
import dev.authkit.core.RefreshSuccess;
import dev.authkit.core.Session;
import dev.authkit.core.WorkOSEndpoint;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.events.EventSink;
import dev.authkit.core.internal.request.Signals;
import dev.authkit.core.internal.session.AuthValues;
import dev.authkit.core.internal.workos.WorkOSResponses;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every refresh-token exchange goes through here: coordinated by the {@link RefreshCoordination}
 * (single flight in this process by default; {@code authkit-redis} across instances), so
 * concurrent requests carrying the same refresh token share one call to WorkOS and a request
 * arriving just after with the old cookie gets the new session from the grace period. Fires the
 * refresh callbacks, once per refresh (not per request sharing it). Never logs a token.
 */
public final class Refresher {
    private static final Logger LOG = LoggerFactory.getLogger(Refresher.class);

    private final WorkOS workos;
    private final CookieSealer sealer;
    private final RefreshCoordination coordination;
    private final Duration gracePeriod;
    private final AuthValues values;
    private final EventSink events;
    private final DecisionLog decisions;

    public Refresher(WorkOS workos, CookieSealer sealer, RefreshCoordination coordination, Duration gracePeriod,
                     AuthValues values, EventSink events, boolean debug) {
        this.workos = workos;
        this.sealer = sealer;
        this.coordination = coordination;
        this.gracePeriod = gracePeriod;
        this.values = values;
        this.events = events;
        this.decisions = new DecisionLog(LOG, debug);
    }

    /**
     * The organization a refresh keeps when none is asked for: the one of the session's access
     * token, read from its verified claims when there are some, else from the token unverified
     * (an expired token still says which organization the session was in). The one home of
     * organization carry-over.
     */
    public static Optional<String> organizationOf(Session session, Optional<TokenClaims> verified) {
        return verified.isPresent() ? verified.get().organizationId()
                : TokenClaims.decodeUnverified(session.accessToken()).flatMap(TokenClaims::organizationId);
    }

    /**
     * Exchanges the session's refresh token through the coordination; the request that made the
     * call reports {@code SessionRefreshed} (with {@code onSessionRefreshSuccess}) or
     * {@code RefreshFailed}, once per refresh. Requests that shared another's refresh open its
     * sealed result and report {@code RefreshShared}. {@code signals} (the request's IP address and
     * user agent) go to WorkOS with the call.
     */
    public Exchange exchange(Session session, String organizationId, Signals signals) {
        String key = RefreshCoordination.key(session.refreshToken(), organizationId);
        Exchange[] ranHere = {null};
        Instant at = events.now();
        long[] took = {0};
        Supplier<Optional<String>> call = () -> {
            long started = System.nanoTime();
            Exchange e = callWorkOS(session, organizationId, signals);
            took[0] = System.nanoTime() - started;
            ranHere[0] = e;
            return e.ok() ? Optional.of(RefreshPayload.seal(sealer, key, e.session(), gracePeriod)) : Optional.empty();
        };
        Optional<String> shared;
        try {
            shared = coordination.refresh(key, gracePeriod, call, payload -> RefreshPayload.open(sealer, key, payload)
                    .flatMap(s -> TokenClaims.decodeUnverified(s.accessToken())).isPresent());
        } catch (RuntimeException e) {
            LOG.warn("Refresh coordination {} threw {}; refreshing without it", coordination.getClass().getName(),
                    e.getClass().getName());
            shared = ranHere[0] == null ? call.get() : Optional.empty();
        }
        Exchange mine = ranHere[0];
        if (mine != null) {
            report(session, mine, at, Duration.ofNanos(took[0]));
            return mine;
        }
        if (shared.isEmpty()) {
            return Exchange.failed(WorkOSResponses.Kind.TRANSIENT, 0,
                    "a concurrent refresh of this session failed or did not finish in time");
        }
        Optional<Session> opened = RefreshPayload.open(sealer, key, shared.get());
        Optional<TokenClaims> claims = opened.flatMap(s -> TokenClaims.decodeUnverified(s.accessToken()));
        if (claims.isEmpty()) {
            LOG.warn("A refresh result shared by the refresh coordination does not open with this cookie password: "
                    + "do all instances use the same WORKOS_COOKIE_PASSWORD?");
            return Exchange.failed(WorkOSResponses.Kind.TRANSIENT, 0, "a shared refresh result could not be opened");
        }
        decisions.decide("session of user " + opened.get().user().id() + " refreshed by a concurrent request");
        events.emit(new AuthKitEvent.RefreshShared(at, opened.get().user().id(), claims.get().sessionId(),
                claims.get().organizationId()));
        return new Exchange(opened.get(), claims.get(), null);
    }

    private void report(Session old, Exchange mine, Instant at, Duration took) {
        if (mine.ok()) {
            Session s = mine.session();
            events.refreshed(new RefreshSuccess(values.cookie(s, mine.claims()), s.user(), s.impersonator(),
                    mine.claims().organizationId()), new AuthKitEvent.SessionRefreshed(at, took, s.user().id(),
                    mine.claims().sessionId(), mine.claims().organizationId()));
            return;
        }
        WorkOSResponses.Failure f = mine.failure();
        AuthKitEvent.FailureKind kind = f.isTransient() ? AuthKitEvent.FailureKind.TRANSIENT
                : f.endsSession() ? AuthKitEvent.FailureKind.TERMINAL : AuthKitEvent.FailureKind.REFUSED;
        events.emit(new AuthKitEvent.RefreshFailed(at, took, old.user().id(),
                TokenClaims.decodeUnverified(old.accessToken()).flatMap(TokenClaims::sessionId), kind, f.description()));
    }

    /** Tells {@code onSessionRefreshError} about a refresh that left the request signed out. */
    public void failed(RefreshFailure failure) {
        events.refreshError(failure);
    }

    private Exchange callWorkOS(Session session, String organizationId, Signals signals) {
        try {
            var response = events.call(WorkOSEndpoint.REFRESH,
                    () -> workos.getUserManagement().authenticateWithRefreshToken(session.refreshToken(), organizationId,
                            signals.ip(), null, signals.agent()));
            Session refreshed = WorkOSResponses.session(response, session.authenticationMethod());
            if (refreshed.impersonator().isEmpty() && session.impersonator().isPresent()) {
                refreshed = new Session(refreshed.accessToken(), refreshed.refreshToken(), refreshed.user(),
                        session.impersonator(), refreshed.authenticationMethod());
            }
            refreshed = refreshed.withTimes(session.signedInAt(), session.lastSeenAt()); // the limits count from sign-in
            Optional<TokenClaims> claims = TokenClaims.decodeUnverified(refreshed.accessToken());
            if (claims.isEmpty() || !claims.get().subject().filter(refreshed.user().id()::equals).isPresent()) {
                return Exchange.failed(WorkOSResponses.Kind.SESSION_ENDED, 200, "refreshed token does not belong to the user");
            }
            decisions.decide("session of user " + refreshed.user().id() + " refreshed");
            return new Exchange(refreshed, claims.get(), null);
        } catch (Exception e) { // the SDK throws checked parse errors undeclared: see WorkOSResponses.classify
            return new Exchange(null, null, WorkOSResponses.classify(e));
        }
    }
}
