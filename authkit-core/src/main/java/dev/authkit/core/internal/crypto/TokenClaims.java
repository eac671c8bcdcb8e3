package dev.authkit.core.internal.crypto;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * The claims of a WorkOS access token that authkit reads, plus all of them as a map.
 *
 * @param subject      {@code sub}, the user id
 * @param sessionId    {@code sid}
 * @param organizationId {@code org_id}
 * @param role         {@code role}
 * @param roles        {@code roles}
 * @param permissions  {@code permissions}
 * @param entitlements {@code entitlements}
 * @param featureFlags {@code feature_flags}
 * @param issuedAt     {@code iat}, epoch seconds, 0 if absent
 * @param expiresAt    {@code exp}, epoch seconds, 0 if absent
 * @param all          every claim
 */
public record TokenClaims(Optional<String> subject, Optional<String> sessionId, Optional<String> organizationId,
                          Optional<String> role, List<String> roles, List<String> permissions,
                          List<String> entitlements, List<String> featureFlags, long issuedAt, long expiresAt,
                          Map<String, Object> all) {

    private static final JwtConsumer DECODER = new JwtConsumerBuilder()
            .setSkipSignatureVerification().setSkipAllValidators().setDisableRequireSignature().build();

    /**
     * The longest access token read, in characters: 32 KiB, about 900 permissions of 19 characters.
     * Longer tokens fit in no cookie and in no server's header limit; refusing them bounds the work
     * a hostile token can cause.
     */
    public static final int MAX_TOKEN_CHARS = 32 * 1024;

    /** Reads the claims of a token without checking its signature; empty for anything that is not a JWT. */
    public static Optional<TokenClaims> decodeUnverified(String jwt) {
        if (jwt == null || jwt.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(DECODER.processToClaims(jwt)));
        } catch (InvalidJwtException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static TokenClaims of(JwtClaims c) {
        return new TokenClaims(string(c, "sub"), string(c, "sid"), string(c, "org_id"), string(c, "role"),
                list(c, "roles"), list(c, "permissions"), list(c, "entitlements"), list(c, "feature_flags"),
                number(c, "iat"), number(c, "exp"), Collections.unmodifiableMap(c.getClaimsMap()));
    }

    /** The claims of a token read as a JSON object (integers as {@code Long}, as jose4j reads them). */
    static TokenClaims of(Map<String, Object> c) {
        return new TokenClaims(string(c.get("sub")), string(c.get("sid")), string(c.get("org_id")), string(c.get("role")),
                list(c.get("roles")), list(c.get("permissions")), list(c.get("entitlements")), list(c.get("feature_flags")),
                number(c.get("iat")), number(c.get("exp")), Collections.unmodifiableMap(c));
    }

    private static Optional<String> string(Object v) {
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0L;
    }

    /** A list of strings; anything else (a string, a list with a number in it) reads as empty, as jose4j's check does. */
    private static List<String> list(Object v) {
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        for (Object o : l) {
            if (!(o instanceof String)) {
                return List.of();
            }
        }
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) l;
        return List.copyOf(strings);
    }

    /** Seconds the token lives, {@code exp - iat}; {@code exp - 0} when there is no {@code iat}, as authkit-nextjs computes it. */
    public long lifetimeSeconds() {
        return expiresAt - (issuedAt == 0 ? expiresAt : issuedAt);
    }

    private static Optional<String> string(JwtClaims c, String name) {
        Object v = c.getClaimValue(name);
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static long number(JwtClaims c, String name) {
        Object v = c.getClaimValue(name);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    private static List<String> list(JwtClaims c, String name) {
        try {
            if (!c.isClaimValueStringList(name)) {
                return List.of();
            }
            return List.copyOf(c.getStringListClaimValue(name));
        } catch (MalformedClaimException e) {
            return List.of();
        }
    }
}
