package dev.authkit.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * RSA signing keys and RS256 access tokens. The newest key signs; older keys stay published until
 * dropped. Thread-safe: the key list is replaced, never changed in place.
 */
public final class TokenIssuer {
    private final AtomicInteger keyCounter = new AtomicInteger();
    private volatile List<RsaJsonWebKey> keys = List.of();

    public TokenIssuer() {
        rotate(false);
    }

    /** Adds a new signing key with a new {@code kid}; {@code keepOld} keeps the others in the JWKS. */
    public synchronized String rotate(boolean keepOld) {
        RsaJsonWebKey key = newKey("key_" + keyCounter.incrementAndGet());
        List<RsaJsonWebKey> next = new ArrayList<>();
        next.add(key);
        if (keepOld) {
            next.addAll(keys);
        }
        keys = List.copyOf(next);
        return key.getKeyId();
    }

    public String currentKeyId() {
        return keys.get(0).getKeyId();
    }

    /** Signs {@code claims} with the current key: header {@code {"alg":"RS256","kid":..,"typ":"JWT"}}. */
    public String sign(JwtClaims claims) {
        RsaJsonWebKey key = keys.get(0);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /**
     * The JWKS document. Each key carries {@code x5c} (empty: the fake has no certificates) and
     * {@code x5t#S256} (the key's RFC 7638 thumbprint), which the WorkOS SDK's model requires.
     */
    public String jwksJson() {
        StringBuilder b = new StringBuilder("{\"keys\":[");
        boolean first = true;
        for (RsaJsonWebKey key : keys) {
            Map<String, Object> params = key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            params.put("alg", "RS256");
            params.put("use", "sig");
            params.put("x5c", List.of());
            params.put("x5t#S256", key.calculateBase64urlEncodedThumbprint("SHA-256"));
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(org.jose4j.json.JsonUtil.toJson(params));
        }
        return b.append("]}").toString();
    }

    /** A random opaque token with a readable prefix, e.g. {@code rt_...}. */
    public static String opaque(String prefix) {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** BASE64URL(SHA-256(verifier)), the PKCE S256 challenge. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RsaJsonWebKey newKey(String kid) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            RsaJsonWebKey key = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            key.setPrivateKey(pair.getPrivate());
            key.setKeyId(kid);
            return key;
        } catch (NoSuchAlgorithmException | JoseException e) {
            throw new IllegalStateException("cannot make an RSA key", e);
        }
    }
}
