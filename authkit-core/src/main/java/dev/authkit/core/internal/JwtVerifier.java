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
 * Thread-safe.
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

    private final JwtConsumer consumer;
    private final Clock clock;

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
        TokenClaims claims;
        try {
            claims = TokenClaims.of(consumer.processToClaims(jwt));
        } catch (InvalidJwtException e) {
            return new Invalid("signature or format rejected (" + e.getErrorDetails().stream()
                    .map(d -> Integer.toString(d.getErrorCode())).reduce((a, b) -> a + "," + b).orElse("?") + ")");
        } catch (RuntimeException e) {
            return new Invalid("unreadable token (" + e.getClass().getSimpleName() + ")");
        }
        long now = clock.instant().getEpochSecond();
        Object nbf = claims.all().get("nbf");
        if (nbf instanceof Number n && n.longValue() > now) {
            return new Invalid("not valid before " + n.longValue());
        }
        if (claims.expiresAt() == 0) {
            return new Invalid("no exp claim");
        }
        return now >= claims.expiresAt() ? new Expired(claims) : new Valid(claims);
    }
}
