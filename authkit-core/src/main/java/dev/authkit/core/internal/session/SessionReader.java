package dev.authkit.core.internal.session;

import dev.authkit.core.CacheStats;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Session;
import dev.authkit.core.SetCookie;
import dev.authkit.core.internal.crypto.IronSealer;
import dev.authkit.core.internal.crypto.JwtVerifier;
import dev.authkit.core.internal.crypto.Sha256Key;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.request.Cookies;
import dev.authkit.core.internal.request.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only reader of the session cookie on a request's way through the pipeline: unseals it,
 * verifies the access token against WorkOS's JWKS, checks the token's {@code sub} is the sealed
 * user, and says whether the token is due for refresh (60 seconds before {@code exp}, 30 for
 * tokens that live five minutes or less, or the configured buffer). Verified sessions are kept in
 * a bounded {@link SessionCache} (authkit's own sealer only: a custom sealer may not answer the
 * same way twice), so a known cookie costs one SHA-256.
 */
public final class SessionReader {
    private static final Logger LOG = LoggerFactory.getLogger(SessionReader.class);

    private final String cookieName;
    private final CookieSealer sealer;
    private final JwtVerifier verifier;
    private final Clock clock;
    private final Optional<Duration> refreshBuffer;
    private final DecisionLog decisions;
    private final Optional<SessionCache> cache;
    private final SessionLoader loader;
    private final Revocations revocations;

    /**
     * @param ironSealer authkit's own sealer behind {@code sealer}, if it is one: only then are verified sessions cached
     * @param loader     the reader of the chunked and stored forms
     * @param revocations the revocation check, made on every request before a cached verdict is used
     */
    public SessionReader(String cookieName, CookieSealer sealer, Optional<IronSealer> ironSealer, JwtVerifier verifier,
                         Clock clock, Optional<Duration> refreshBuffer, boolean debug, SessionLoader loader,
                         Revocations revocations) {
        this.cookieName = cookieName;
        this.revocations = revocations;
        this.loader = loader;
        this.sealer = sealer;
        this.verifier = verifier;
        this.clock = clock;
        this.refreshBuffer = refreshBuffer;
        this.decisions = new DecisionLog(LOG, debug);
        this.cache = ironSealer.map(iron -> new SessionCache(iron, SessionCache.DEFAULT_CAPACITY));
    }

    /**
     * The session the request's cookie holds, and whether it is due for refresh. In an inline run
     * ({@link RequestContext#inline()}) it declines before its first side effect when the session
     * is in a blocking store, the revocation list is a blocking one, or the token was not verified
     * before (its check may fetch the JWKS).
     */
    public SessionState read(RequestContext ctx) {
        if (!loader.plainOnly(ctx)) {
            return readAnyForm(ctx);
        }
        Optional<Cookies.Raw> raw = ctx.rawCookie(cookieName);
        if (raw.isEmpty()) {
            return new SessionState.None();
        }
        revocations.mayBlock(ctx); // before anything is counted or emitted
        long nowMillis = clock.millis();
        Optional<Sha256Key> cacheKey = cache.isPresent() ? raw.get().digest() : Optional.empty();
        Optional<SessionCache.Verified> cached = lookup(ctx, cacheKey, nowMillis);
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
                return new SessionState.Broken();
            }
            session = maybeSession.get();
            verdict = verify(ctx, verifier, session.accessToken());
            valid = verdict instanceof JwtVerifier.Valid v ? v.claims() : null;
        }
        return classify(session, valid, verdict, cached.isEmpty() ? cacheKey : Optional.empty(), sealed, nowMillis,
                List.of(), raw.get().valueEnd() - raw.get().valueStart() + cookieName.length() + 1);
    }

    /**
     * The chunked and stored forms (and the plain one beside them): read through the
     * {@link SessionLoader}, verified as the plain cookie is, cached by the sealed text they were
     * opened from (a store entry is looked up on every request, so a deleted one is never served
     * from the cache).
     */
    private SessionState readAnyForm(RequestContext ctx) {
        SessionLoader.Loaded loaded = loader.load(ctx);
        switch (loaded.kind()) {
            case NONE:
                return new SessionState.None();
            case STORE_UNAVAILABLE:
                decisions.decide("session store unreachable: signed out for this request, session kept");
                return new SessionState.Unavailable();
            case UNREADABLE:
                decisions.decide("session cookies cannot be read (tampered, foreign, incomplete or ended): signed out, cleared");
                return new SessionState.Broken();
            default:
                break;
        }
        revocations.mayBlock(ctx);
        long nowMillis = clock.millis();
        Optional<Sha256Key> cacheKey = cache.isPresent() ? Sha256Key.of(loaded.cacheText()) : Optional.empty();
        Optional<SessionCache.Verified> cached = lookup(ctx, cacheKey, nowMillis);
        Session session;
        TokenClaims valid;
        JwtVerifier.Result verdict;
        if (cached.isPresent() && cached.get().session().equals(loaded.session().get())) {
            session = cached.get().session();
            valid = cached.get().claims();
            verdict = new JwtVerifier.Valid(valid);
        } else {
            session = loaded.session().get();
            verdict = verify(ctx, verifier, session.accessToken());
            valid = verdict instanceof JwtVerifier.Valid v ? v.claims() : null;
        }
        return classify(session, valid, verdict, cached.isEmpty() ? cacheKey : Optional.empty(), loaded.cacheText(),
                nowMillis, loaded.cleanup(), loaded.bytes());
    }

    private SessionState classify(Session session, TokenClaims valid, JwtVerifier.Result verdict,
                                  Optional<Sha256Key> cacheKey, String sealed, long nowMillis, List<SetCookie> cleanup,
                                  int bytes) {
        if (revocations.revoked(session, valid)) {
            decisions.decide("session of user " + session.user().id() + " was revoked: signed out, cookie cleared");
            return new SessionState.Broken(true);
        }
        if (valid != null && !valid.subject().filter(session.user().id()::equals).isPresent()) {
            LOG.warn("Access token subject does not match the session's user {}: signed out, cookie cleared",
                    session.user().id());
            return new SessionState.Broken();
        }
        long now = nowMillis / 1000;
        if (valid != null && valid.expiresAt() - now > bufferSeconds(valid)) {
            // a token with nbf is checked in full each time, as JwtVerifier does (a clock set back could refuse it)
            if (cacheKey.isPresent() && !valid.all().containsKey("nbf")) {
                cache.get().put(cacheKey.get(), sealed, new SessionCache.Verified(session, valid), nowMillis);
            }
            return new SessionState.Fresh(session, valid, cleanup, bytes);
        }
        String why = valid != null ? "expires in " + (valid.expiresAt() - now) + " s"
                : "is not valid (" + (verdict instanceof JwtVerifier.Invalid i ? i.reason() : "expired") + ")";
        return new SessionState.Stale(session, Optional.ofNullable(valid), why, cleanup, bytes);
    }

    /**
     * {@link JwtVerifier#verify}, which may fetch the JWKS; in an inline run only a token verified
     * before is answered ({@link JwtVerifier#verifiedBefore}), any other declines.
     */
    public static JwtVerifier.Result verify(RequestContext ctx, JwtVerifier verifier, String token) {
        if (ctx.inline()) {
            Optional<JwtVerifier.Result> known = verifier.verifiedBefore(token);
            if (known.isPresent()) {
                ctx.afterwards(verifier::countHit);
                return known.get();
            }
            ctx.mayBlock();
        }
        return verifier.verify(token);
    }

    /** The session cache's verdict; an inline run's lookup is counted only once the run answers (a declined one looks again). */
    private Optional<SessionCache.Verified> lookup(RequestContext ctx, Optional<Sha256Key> cacheKey, long nowMillis) {
        if (cacheKey.isEmpty()) {
            return Optional.empty();
        }
        if (!ctx.inline()) {
            return cache.get().get(cacheKey.get(), nowMillis);
        }
        Optional<SessionCache.Verified> found = cache.get().get(cacheKey.get(), nowMillis, false);
        boolean hit = found.isPresent();
        ctx.afterwards(() -> cache.get().count(hit));
        return found;
    }

    /** The verified-session cache's stats; empty with a custom sealer (no cache). */
    public Optional<CacheStats> cacheStats() {
        return cache.map(SessionCache::stats);
    }

    /** Verifies a bearer access token as the cookie's token is verified (signature, RS256, expiry). */
    public JwtVerifier.Result verifyAccessToken(String token) {
        return verifier.verify(token);
    }

    private long bufferSeconds(TokenClaims claims) {
        if (refreshBuffer.isPresent()) {
            return refreshBuffer.get().getSeconds();
        }
        return claims.lifetimeSeconds() <= 300 ? 30 : 60;
    }
}
