package dev.authkit.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 * authkit-nextjs's jose), an {@code nbf} not in the future, a {@code kid} in the header, and three
 * segments in canonical base64url (no padding, no stray characters, no set unused bits: jose4j
 * alone would accept a valid token with junk appended to its signature, so one token would have
 * many spellings).
 *
 * <p>Keys are fetched once and cached (for the JWKS response's cache lifetime, an hour without
 * one); a token with an unknown {@code kid} refetches, at most once per 30 seconds; when WorkOS is
 * unreachable the cached keys stay in use for a day. Fetches time out after the given duration.
 * A token that verified is remembered (by its SHA-256, never the token itself) until its
 * {@code exp}, so the RSA check runs once per token rather than once per request; at most
 * {@link #MAX_CACHED_TOKENS} are, the least recently used evicted first. Thread-safe.
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

    /** Verified tokens remembered at most (by SHA-256 of the token, until they expire), so a flood cannot grow it. */
    static final int MAX_CACHED_TOKENS = 10_000;

    private final JwtConsumer consumer;
    private final Clock clock;
    private final ExpiringLruCache<Sha256Key, TokenClaims> verified = new ExpiringLruCache<>(MAX_CACHED_TOKENS);

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
        long nowMillis = clock.millis();
        long now = nowMillis / 1000;
        Optional<Sha256Key> key = Sha256Key.of(jwt);
        TokenClaims cached = key.map(k -> verified.get(k, nowMillis)).orElse(null);
        if (cached != null) {
            return new Valid(cached);
        }
        String shape = shapeProblem(jwt);
        if (shape != null) {
            return new Invalid(shape);
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
        if (nbf == null && key.isPresent()) {
            verified.put(key.get(), claims, claims.expiresAt() * 1000, nowMillis);
        }
        return new Valid(claims);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Why {@code jwt} is not a compact JWS in canonical base64url with a {@code kid}, or null when it is. */
    static String shapeProblem(String jwt) {
        int first = jwt.indexOf('.');
        int second = first < 0 ? -1 : jwt.indexOf('.', first + 1);
        if (second < 0 || jwt.indexOf('.', second + 1) >= 0) {
            return "not three segments";
        }
        if (!canonicalBase64Url(jwt, 0, first) || !canonicalBase64Url(jwt, first + 1, second)
                || !canonicalBase64Url(jwt, second + 1, jwt.length())) {
            return "a segment is not canonical base64url";
        }
        try {
            com.fasterxml.jackson.databind.JsonNode header = JSON.readTree(
                    java.util.Base64.getUrlDecoder().decode(jwt.substring(0, first)));
            if (header == null || !header.isObject() || !header.path("kid").isTextual() || header.get("kid").asText().isEmpty()) {
                return "no kid in the header";
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            return "unreadable header";
        }
        return null;
    }

    /** {@code s[start, end)} is non-empty unpadded base64url whose last character carries no unused bits. */
    private static boolean canonicalBase64Url(String s, int start, int end) {
        int length = end - start;
        if (length == 0 || length % 4 == 1) {
            return false;
        }
        int last = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                last = c - 'A';
            } else if (c >= 'a' && c <= 'z') {
                last = c - 'a' + 26;
            } else if (c >= '0' && c <= '9') {
                last = c - '0' + 52;
            } else if (c == '-') {
                last = 62;
            } else if (c == '_') {
                last = 63;
            } else {
                return false;
            }
        }
        int unusedBits = length % 4 == 2 ? 0x0F : length % 4 == 3 ? 0x03 : 0;
        return (last & unusedBits) == 0;
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
