package dev.authkit.core;

import com.workos.WorkOS;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.request.Cookies;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.crypto.IronSealer;
import dev.authkit.core.internal.crypto.JwtVerifier;
import dev.authkit.core.internal.refresh.RefreshPayload;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.session.SessionCache;
import dev.authkit.core.internal.session.SessionCodec;
import dev.authkit.core.internal.crypto.Sha256Key;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.workos.WorkOSResponses;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, verifies, refreshes, saves and clears the session cookie.
 *
 * <p>On each request: unseal the cookie; verify the access token against WorkOS's JWKS; check its
 * {@code sub} is the sealed user; refresh it when it has expired or is about to (60 seconds
 * before {@code exp}, 30 for tokens that live five minutes or less, or the configured buffer).
 * Refreshes of one session are coordinated by the {@link RefreshCoordination} (default: single
 * flight in this process; {@code authkit-redis} across instances): concurrent requests carrying
 * the same refresh token share one call to WorkOS, and a request arriving just after with the old
 * cookie gets the new session from a short grace cache. A failed refresh keeps the cookie when the failure is
 * transient (network, 408, 429, 5xx) and clears it when the session is over; a failed early
 * refresh keeps serving the still-valid token.
 *
 * <p>Obtained from {@link AuthKit#sessions()}. Thread-safe. Never logs a token or a cookie value.
 */
public final class SessionManager {
    private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);
    /** Browsers keep cookies up to about this size (name, value and attributes). */
    static final int MAX_BROWSER_COOKIE_BYTES = 4096;

    /** The session a request carries, after verification and any refresh. */
    public record SessionResult(Auth auth, List<SetCookie> cookies, boolean refreshed) {
        public SessionResult {
            cookies = List.copyOf(cookies);
        }
    }

    /**
     * What {@link #resolve} found, with what the middleware needs beyond {@link SessionResult}.
     *
     * @param session the request's session after any refresh: the one every later step of the
     *                request uses (the JSON routes, {@code refreshSession}, organization switches),
     *                so no refresh token is used twice by one request; empty when there is none or
     *                it ended
     */
    record Resolution(Auth auth, List<SetCookie> cookies, boolean refreshed, boolean cookiePresent,
                      Optional<WorkOSResponses.Failure> failure, Optional<Session> session) {
        static Resolution none() {
            return new Resolution(Auth.signedOut(), List.of(), false, false, Optional.empty(), Optional.empty());
        }

        /** A stale session was kept because WorkOS could not be reached: protected routes answer 503. */
        boolean unavailable() {
            return failure.filter(WorkOSResponses.Failure::isTransient).isPresent();
        }
    }

    /** One refresh-token exchange: a session with its claims, or a failure. */
    record Exchange(Session session, TokenClaims claims, WorkOSResponses.Failure failure) {
        boolean ok() {
            return session != null;
        }
    }

    private final AuthKitConfig config;
    private final CookieSealer sealer;
    private final JwtVerifier verifier;
    private final WorkOS workos;
    private final Clock clock;
    private final CookieFactory cookies;
    private final RefreshCoordination coordination;
    private final Duration gracePeriod;
    private final Optional<Duration> refreshBuffer;
    private final Consumer<RefreshSuccess> onRefreshSuccess;
    private final Consumer<RefreshFailure> onRefreshError;
    private final DecisionLog decisions;
    /** Present for authkit's own sealer only: a custom {@link CookieSealer} may not answer the same way twice. */
    private final Optional<SessionCache> sessionCache;

    SessionManager(AuthKitConfig config, CookieSealer sealer, JwtVerifier verifier, WorkOS workos, Clock clock,
                   Optional<Duration> refreshBuffer, RefreshCoordination coordination, Duration gracePeriod,
                   Consumer<RefreshSuccess> onRefreshSuccess,
                   Consumer<RefreshFailure> onRefreshError, boolean debug) {
        this.config = config;
        this.sealer = sealer;
        this.verifier = verifier;
        this.workos = workos;
        this.clock = clock;
        this.cookies = new CookieFactory(config);
        this.coordination = coordination;
        this.gracePeriod = gracePeriod;
        this.refreshBuffer = refreshBuffer;
        this.onRefreshSuccess = onRefreshSuccess;
        this.onRefreshError = onRefreshError;
        this.decisions = new DecisionLog(LOG, debug);
        this.sessionCache = sealer instanceof IronSealer iron
                ? Optional.of(new SessionCache(iron, SessionCache.DEFAULT_CAPACITY)) : Optional.empty();
    }

    /**
     * The request's session, verified and refreshed as needed, with the cookies the response must
     * carry (a refreshed session, or a deletion).
     */
    public SessionResult authenticate(AuthKitRequest request) {
        Resolution r = resolve(RequestContext.of(request));
        return new SessionResult(r.auth(), r.cookies(), r.refreshed());
    }

    /** The session sealed in the request's cookie, unverified; empty when absent or unreadable. */
    public Optional<Session> readSession(AuthKitRequest request) {
        return read(RequestContext.of(request));
    }

    /** The cookie that stores {@code session} (sealed, no expiration inside, as authkit-nextjs). */
    public SetCookie saveSession(AuthKitRequest request, Session session) {
        return sessionCookie(RequestContext.of(request), session);
    }

    /** The cookie that deletes the session cookie (same name, path and domain, {@code Max-Age=0}). */
    public SetCookie clearSession(AuthKitRequest request) {
        return cookies.sessionDeletion(RequestContext.of(request));
    }

    /** Verifies a bearer access token as the cookie's token is verified (signature, RS256, expiry). */
    JwtVerifier.Result verifyAccessToken(String token) {
        return verifier.verify(token);
    }

    Optional<Session> read(RequestContext ctx) {
        return ctx.cookie(config.cookieName()).flatMap(sealer::unseal).flatMap(SessionCodec::fromJson);
    }

    SetCookie sessionCookie(RequestContext ctx, Session session) {
        SetCookie cookie = cookies.session(ctx, sealer.seal(SessionCodec.toJson(session), Duration.ZERO));
        int size = cookie.headerValue().length();
        if (size > MAX_BROWSER_COOKIE_BYTES) {
            LOG.warn("The session cookie of user {} is {} bytes; browsers drop cookies over {} bytes, so this session "
                    + "will not stick. Keep WorkOS user metadata small.", session.user().id(), size, MAX_BROWSER_COOKIE_BYTES);
        }
        return cookie;
    }

    CookieFactory cookies() {
        return cookies;
    }

    Resolution resolve(RequestContext ctx) {
        return resolve(ctx, true);
    }

    /**
     * @param refreshIfStale false for requests that exchange the refresh token themselves (an
     *                       explicit refresh or organization switch): a stale session is then
     *                       handed on unrefreshed, so the request makes one call to WorkOS, not two
     */
    Resolution resolve(RequestContext ctx, boolean refreshIfStale) {
        Optional<Cookies.Raw> raw = ctx.rawCookie(config.cookieName());
        if (raw.isEmpty()) {
            return Resolution.none();
        }
        long nowMillis = clock.millis();
        Optional<Sha256Key> cacheKey = sessionCache.isPresent() ? raw.get().digest() : Optional.empty();
        Optional<SessionCache.Verified> cached = cacheKey.flatMap(key -> sessionCache.get().get(key, nowMillis));
        String sealed = null; // read only on a cache miss
        Session session;
        TokenClaims valid;
        JwtVerifier.Result verdict;
        if (cached.isPresent()) {
            session = cached.get().session();
            valid = cached.get().claims();
            verdict = new JwtVerifier.Valid(valid);
        } else {
            sealed = raw.get().value();
            Optional<Session> maybeSession = sealer.unseal(sealed).flatMap(SessionCodec::fromJson);
            if (maybeSession.isEmpty()) {
                decisions.decide("session cookie cannot be unsealed (tampered, foreign or old password): signed out, cookie cleared");
                return new Resolution(Auth.signedOut(), List.of(cookies.sessionDeletion(ctx)), false, true, Optional.empty(),
                        Optional.empty());
            }
            session = maybeSession.get();
            verdict = verifier.verify(session.accessToken());
            valid = verdict instanceof JwtVerifier.Valid v ? v.claims() : null;
        }
        if (valid != null && !valid.subject().filter(session.user().id()::equals).isPresent()) {
            LOG.warn("Access token subject does not match the session's user {}: signed out, cookie cleared",
                    session.user().id());
            return new Resolution(Auth.signedOut(), List.of(cookies.sessionDeletion(ctx)), false, true, Optional.empty(),
                    Optional.empty());
        }
        long now = nowMillis / 1000;
        if (valid != null && valid.expiresAt() - now > bufferSeconds(valid)) {
            // a token with nbf is checked in full each time, as JwtVerifier does (a clock set back could refuse it)
            if (cached.isEmpty() && cacheKey.isPresent() && !valid.all().containsKey("nbf")) {
                sessionCache.get().put(cacheKey.get(), sealed, new SessionCache.Verified(session, valid), nowMillis);
            }
            return new Resolution(Auth.of(session, valid), List.of(), false, true, Optional.empty(), Optional.of(session));
        }
        if (!refreshIfStale) {
            Auth current = valid != null ? Auth.of(session, valid) : Auth.signedOut();
            return new Resolution(current, List.of(), false, true, Optional.empty(), Optional.of(session));
        }
        if (valid != null) {
            decisions.decide("access token of user " + session.user().id() + " expires in " + (valid.expiresAt() - now)
                    + " s: refreshing early");
        } else {
            decisions.decide("access token of user " + session.user().id() + " is not valid ("
                    + (verdict instanceof JwtVerifier.Invalid i ? i.reason() : "expired") + "): refreshing");
        }
        // keep the session's organization across the refresh
        Optional<String> organization = valid != null ? valid.organizationId()
                : TokenClaims.decodeUnverified(session.accessToken()).flatMap(TokenClaims::organizationId);
        Exchange exchange = exchange(ctx, session, organization.orElse(null));
        if (exchange.ok()) {
            Auth auth = Auth.of(exchange.session(), exchange.claims());
            return new Resolution(auth, List.of(sessionCookie(ctx, exchange.session())), true, true, Optional.empty(),
                    Optional.of(exchange.session()));
        }
        WorkOSResponses.Failure failure = exchange.failure();
        if (valid != null && clock.instant().getEpochSecond() < valid.expiresAt()) {
            decisions.decide("early refresh failed (" + failure.description() + "); the current token is still valid, serving it");
            return new Resolution(Auth.of(session, valid), List.of(), false, true, Optional.empty(), Optional.of(session));
        }
        notifyFailure(new RefreshFailure("refresh failed: " + failure.description(), !failure.endsSession(), ctx.request()));
        if (failure.endsSession()) {
            decisions.decide("refresh failed (" + failure.description() + "): WorkOS ended the session, cookie cleared");
            return new Resolution(Auth.signedOut(), List.of(cookies.sessionDeletion(ctx)), false, true, Optional.of(failure),
                    Optional.empty());
        }
        // Only WorkOS saying the session is over signs a user out. A transient failure keeps the
        // session for the next request; any other refusal (SSO or MFA now required) keeps the
        // cookie too, and the user signs in again where a page needs it.
        decisions.decide("refresh failed (" + failure.description() + "): signed out for this request, cookie kept");
        return new Resolution(Auth.signedOut(), List.of(), false, true, Optional.of(failure), Optional.of(session));
    }

    /**
     * Exchanges the session's refresh token through the {@link RefreshCoordination}, and on
     * success fires {@code onSessionRefreshSuccess} once (in the request that made the call).
     * Requests that shared another's refresh open its sealed result.
     */
    Exchange exchange(RequestContext ctx, Session session, String organizationId) {
        String key = RefreshCoordination.key(session.refreshToken(), organizationId);
        Exchange[] ranHere = {null};
        Supplier<Optional<String>> call = () -> {
            Exchange e = callWorkOS(session, organizationId);
            ranHere[0] = e;
            return e.ok() ? Optional.of(RefreshPayload.seal(sealer, key, e.session(), gracePeriod)) : Optional.empty();
        };
        Optional<String> shared;
        try {
            shared = coordination.refresh(key, gracePeriod, call);
        } catch (RuntimeException e) {
            LOG.warn("Refresh coordination {} threw {}; refreshing without it", coordination.getClass().getName(),
                    e.getClass().getName());
            shared = ranHere[0] == null ? call.get() : Optional.empty();
        }
        Exchange mine = ranHere[0];
        if (mine != null) {
            if (mine.ok()) {
                Session s = mine.session();
                notifySuccess(new RefreshSuccess(Auth.of(s, mine.claims()), s.user(), s.impersonator(),
                        mine.claims().organizationId()));
            }
            return mine;
        }
        if (shared.isEmpty()) {
            return new Exchange(null, null, new WorkOSResponses.Failure(WorkOSResponses.Kind.TRANSIENT, 0,
                    Optional.of("a concurrent refresh of this session failed or did not finish in time"), Optional.empty()));
        }
        Optional<Session> opened = RefreshPayload.open(sealer, key, shared.get());
        Optional<TokenClaims> claims = opened.flatMap(s -> TokenClaims.decodeUnverified(s.accessToken()));
        if (claims.isEmpty()) {
            LOG.warn("A refresh result shared by the refresh coordination does not open with this cookie password: "
                    + "do all instances use the same WORKOS_COOKIE_PASSWORD?");
            return new Exchange(null, null, new WorkOSResponses.Failure(WorkOSResponses.Kind.TRANSIENT, 0,
                    Optional.of("a shared refresh result could not be opened"), Optional.empty()));
        }
        decisions.decide("session of user " + opened.get().user().id() + " refreshed by a concurrent request");
        return new Exchange(opened.get(), claims.get(), null);
    }

    private Exchange callWorkOS(Session session, String organizationId) {
        try {
            var response = workos.getUserManagement().authenticateWithRefreshToken(session.refreshToken(), organizationId);
            Session refreshed = WorkOSResponses.session(response, session.authenticationMethod());
            if (refreshed.impersonator().isEmpty() && session.impersonator().isPresent()) {
                refreshed = new Session(refreshed.accessToken(), refreshed.refreshToken(), refreshed.user(),
                        session.impersonator(), refreshed.authenticationMethod());
            }
            Optional<TokenClaims> claims = TokenClaims.decodeUnverified(refreshed.accessToken());
            if (claims.isEmpty() || !claims.get().subject().filter(refreshed.user().id()::equals).isPresent()) {
                return new Exchange(null, null, new WorkOSResponses.Failure(WorkOSResponses.Kind.SESSION_ENDED, 200,
                        Optional.of("refreshed token does not belong to the user"), Optional.empty()));
            }
            decisions.decide("session of user " + refreshed.user().id() + " refreshed");
            return new Exchange(refreshed, claims.get(), null);
        } catch (RuntimeException e) {
            return new Exchange(null, null, WorkOSResponses.classify(e));
        }
    }

    private long bufferSeconds(TokenClaims claims) {
        if (refreshBuffer.isPresent()) {
            return refreshBuffer.get().getSeconds();
        }
        return claims.lifetimeSeconds() <= 300 ? 30 : 60;
    }

    private void notifySuccess(RefreshSuccess event) {
        try {
            onRefreshSuccess.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("onSessionRefreshSuccess threw {}; ignored", e.getClass().getName());
        }
    }

    private void notifyFailure(RefreshFailure event) {
        try {
            onRefreshError.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("onSessionRefreshError threw {}; ignored", e.getClass().getName());
        }
    }


    static List<SetCookie> concat(List<SetCookie> a, List<SetCookie> b) {
        List<SetCookie> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }
}
