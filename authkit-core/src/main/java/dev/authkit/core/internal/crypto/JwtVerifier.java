package dev.authkit.core.internal.crypto;

import dev.authkit.core.CacheStats;
import dev.authkit.core.WorkOSEndpoint;
import dev.authkit.core.internal.cache.ExpiringLruCache;
import dev.authkit.core.internal.events.EventSink;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jose4j.http.Get;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Verifies WorkOS access tokens against the JWKS at {@code {apiBaseUrl}/sso/jwks/{clientId}}:
 * RS256 only, a signature by a published key, an {@code exp} in the future (no leeway, as
 * authkit-nextjs's jose), an {@code nbf} not in the future. The header must name {@code RS256}
 * and carry no {@code crit}; the key is the published RSA signing key (2048 bits or more) with the
 * token's {@code kid}, or, without a {@code kid}, any published RSA signing key that verifies.
 *
 * <p>jose4j fetches and caches the JWKS; the compact serialization is read here with the JDK's
 * Base64, Jackson and {@link Signature}, which costs a fraction of jose4j's own JSON parsing on
 * the path of every new token.
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

    /** Claims as jose4j reads them: integers as {@code Long}. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
    private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() { };
    /** What jose4j requires of RSA signing keys. */
    private static final int MIN_RSA_BITS = 2048;

    private final HttpsJwks jwks;
    private final Clock clock;
    private final ExpiringLruCache<Sha256Key, TokenClaims> verified = new ExpiringLruCache<>(MAX_CACHED_TOKENS);

    public JwtVerifier(String jwksUrl, Duration timeout, Clock clock) {
        this(jwksUrl, timeout, clock, EventSink.none(clock));
    }

    /** @param events times each JWKS fetch as a WorkOS call */
    public JwtVerifier(String jwksUrl, Duration timeout, Clock clock, EventSink events) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jwks = new HttpsJwks(jwksUrl);
        Get get = new Get();
        get.setConnectTimeout((int) timeout.toMillis());
        get.setReadTimeout((int) timeout.toMillis());
        get.setRetries(0);
        jwks.setSimpleHttpGet(location -> events.call(WorkOSEndpoint.JWKS, () -> get.get(location)));
        jwks.setRefreshReprieveThreshold(REFETCH_INTERVAL_MILLIS); // refresh() is a no-op for this long after the last
        jwks.setRetainCacheOnErrorDuration(RETAIN_ON_ERROR_SECONDS);
    }

    /** A live read-only view of the verified-token cache. */
    public CacheStats cacheStats() {
        return verified.stats();
    }

    /**
     * The verdict on a token verified before and not yet expired, from memory: no key is read and
     * nothing is fetched, so it never blocks; not counted in the stats. Empty for any other token (unknown, expired, with an
     * {@code nbf}, malformed): {@link #verify} decides those, and may fetch the JWKS to do so.
     */
    public Optional<Result> verifiedBefore(String jwt) {
        if (jwt == null || jwt.isEmpty() || jwt.length() > TokenClaims.MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        long nowMillis = clock.millis();
        // not counted here: the caller counts a hit once its run goes on ({@link #countHit}); verify() counts a miss
        return Sha256Key.of(jwt).map(k -> verified.get(k, nowMillis, false)).map(Valid::new);
    }

    /** Counts a hit of {@link #verifiedBefore} in the cache stats. */
    public void countHit() {
        verified.count(true);
    }

    public Result verify(String jwt) {
        if (jwt == null || jwt.isEmpty() || jwt.length() > TokenClaims.MAX_TOKEN_CHARS) {
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
            claims = verifySignature(jwt);
        } catch (Rejected e) {
            return new Invalid(e.getMessage());
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

    /** Why a token was refused; the message never contains the token. */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Checks the compact serialization and its RS256 signature; the claims of a token that passes. */
    private TokenClaims verifySignature(String jwt) throws Rejected {
        int dot1 = jwt.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : jwt.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 < 0 || jwt.indexOf('.', dot2 + 1) >= 0 || dot2 == jwt.length() - 1) {
            throw new Rejected("not a signed JWT (three non-empty parts)");
        }
        JsonNode header = json(jwt.substring(0, dot1), "header");
        if (!"RS256".equals(header.path("alg").textValue())) {
            throw new Rejected("algorithm is not RS256");
        }
        if (header.has("crit")) {
            throw new Rejected("critical header parameters are not supported");
        }
        byte[] signingInput = jwt.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = decode(jwt.substring(dot2 + 1), "signature");
        String kid = header.path("kid").textValue();
        List<RSAPublicKey> candidates = keys(kid);
        if (candidates.isEmpty() && refetchKeys()) { // an unknown kid: WorkOS may have rotated its keys
            candidates = keys(kid);
        }
        if (candidates.isEmpty()) {
            throw new Rejected("no published RSA signing key" + (kid == null ? "" : " with this kid"));
        }
        for (RSAPublicKey key : candidates) {
            if (verifies(key, signingInput, signature)) {
                return TokenClaims.of(claims(jwt.substring(dot1 + 1, dot2)));
            }
        }
        throw new Rejected("signature does not verify");
    }

    /** Fetches the JWKS again, unless it was fetched less than {@link #REFETCH_INTERVAL_MILLIS} ago; false when unreachable. */
    private boolean refetchKeys() {
        try {
            jwks.refresh();
            return true;
        } catch (JoseException | IOException e) {
            return false;
        }
    }

    /** The published RSA signing keys of 2048 bits or more with this {@code kid} (any kid when null); empty when the JWKS is unreachable. */
    private List<RSAPublicKey> keys(String kid) {
        List<JsonWebKey> published;
        try {
            published = jwks.getJsonWebKeys();
        } catch (JoseException | IOException e) {
            return List.of();
        }
        return published.stream()
                .filter(k -> k instanceof RsaJsonWebKey)
                .filter(k -> kid == null || kid.equals(k.getKeyId()))
                .filter(k -> k.getUse() == null || k.getUse().equals("sig"))
                .filter(k -> k.getAlgorithm() == null || k.getAlgorithm().equals("RS256"))
                .map(k -> ((RsaJsonWebKey) k).getRsaPublicKey())
                .filter(k -> k.getModulus().bitLength() >= MIN_RSA_BITS)
                .toList();
    }

    private static boolean verifies(RSAPublicKey key, byte[] signingInput, byte[] signature) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signingInput);
            return rsa.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static JsonNode json(String base64url, String part) throws Rejected {
        try {
            JsonNode node = JSON.readTree(decode(base64url, part));
            if (node == null || !node.isObject()) {
                throw new Rejected(part + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new Rejected(part + " is not JSON");
        }
    }

    /** The claims, read only once the signature verified. */
    private static Map<String, Object> claims(String base64url) throws Rejected {
        try {
            Map<String, Object> claims = JSON.readValue(decode(base64url, "claims"), CLAIMS);
            if (claims == null) {
                throw new Rejected("claims are not a JSON object");
            }
            return claims;
        } catch (IOException e) {
            throw new Rejected("claims are not a JSON object");
        }
    }

    private static byte[] decode(String base64url, String part) throws Rejected {
        try {
            return B64URL.decode(base64url);
        } catch (IllegalArgumentException e) {
            throw new Rejected(part + " is not base64url");
        }
    }

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
}
