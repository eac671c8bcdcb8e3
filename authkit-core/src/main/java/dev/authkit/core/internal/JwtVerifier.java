package dev.authkit.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jose4j.http.Get;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Verifies WorkOS access tokens against the JWKS at {@code {apiBaseUrl}/sso/jwks/{clientId}}:
 * RS256 only, a signature by a published key, an {@code exp} in the future (no leeway, as
 * authkit-nextjs's jose), an {@code nbf} not in the future.
 *
 * <p>Keys are fetched once and cached (for the JWKS response's cache lifetime, an hour without
 * one); a token with an unknown {@code kid} refetches, at most once per 30 seconds; when WorkOS is
 * unreachable the cached keys stay in use for a day. Fetches time out after the given duration.
 * A token that verified is remembered (by its SHA-256, never the token itself) until its
 * {@code exp}, so the RSA check runs once per token rather than once per request. Thread-safe.
 */
public final class JwtVerifier {
    /** An unknown {@code kid} triggers a refetch at most this often. */
    static final long REFETCH_INTERVAL_MILLIS = 30_000;
    /** How long cached keys outlive a failing JWKS endpoint. */
    static final long RETAIN_ON_ERROR_SECONDS = 24 * 3600;

    /** The verdict on one token. */
    public sealed interface Result {
    }

    /** Signed by a published key and not expired. */
    public record Valid(TokenClaims claims) implements Result {
    }

    /** Signed by a published key, but {@code exp} has passed. */
    public record Expired(TokenClaims claims) implements Result {
    }

    /** Not a token we accept; {@code reason} is safe to log (it never contains the token). */
    public record Invalid(String reason) implements Result {
    }

    /** Verified tokens, by SHA-256 of the token, until they expire; bounded so a flood cannot grow it. */
    static final int MAX_CACHED_TOKENS = 10_000;

    private final JwtConsumer consumer;
    private final Clock clock;
    private final java.util.concurrent.ConcurrentHashMap<String, TokenClaims> verified = new java.util.concurrent.ConcurrentHashMap<>();

    public JwtVerifier(String jwksUrl, Duration timeout, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        HttpsJwks jwks = new HttpsJwks(jwksUrl);
        Get get = new Get();
        get.setConnectTimeout((int) timeout.toMillis());
        get.setReadTimeout((int) timeout.toMillis());
        get.setRetries(0);
        jwks.setSimpleHttpGet(get);
        jwks.setRefreshReprieveThreshold(REFETCH_INTERVAL_MILLIS);
        jwks.setRetainCacheOnErrorDuration(RETAIN_ON_ERROR_SECONDS);
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setSkipAllValidators() // the signature is still verified; time claims are checked below, on our clock
                .build();
    }

    public Result verify(String jwt) {
        if (jwt == null || jwt.isEmpty() || jwt.length() > 16 * 1024) {
            return new Invalid("no token, or an oversized one");
        }
        long now = clock.instant().getEpochSecond();
        String key = digest(jwt);
        TokenClaims cached = verified.get(key);
        if (cached != null) {
            if (now < cached.expiresAt()) {
                return new Valid(cached);
            }
            verified.remove(key, cached);
        }
        TokenClaims claims;
        try {
            claims = TokenClaims.of(consumer.processToClaims(jwt));
        } catch (InvalidJwtException e) {
            return new Invalid("signature or format rejected (" + e.getErrorDetails().stream()
                    .map(d -> Integer.toString(d.getErrorCode())).reduce((a, b) -> a + "," + b).orElse("?") + ")");
        } catch (RuntimeException e) {
            return new Invalid("unreadable token (" + e.getClass().getSimpleName() + ")");
        }
        Object nbf = claims.all().get("nbf");
        if (nbf instanceof Number n && n.longValue() > now) {
            return new Invalid("not valid before " + n.longValue());
        }
        if (claims.expiresAt() == 0) {
            return new Invalid("no exp claim");
        }
        if (now >= claims.expiresAt()) {
            return new Expired(claims);
        }
        if (nbf == null) {
            if (verified.size() >= MAX_CACHED_TOKENS) {
                verified.clear();
            }
            verified.put(key, claims);
        }
        return new Valid(claims);
    }

    private static String digest(String jwt) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(jwt.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.Base64.getEncoder().encodeToString(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
