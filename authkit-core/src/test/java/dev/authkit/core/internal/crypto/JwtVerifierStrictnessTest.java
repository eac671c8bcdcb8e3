package dev.authkit.core.internal.crypto;

import dev.authkit.core.internal.crypto.JwtVerifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A token has one spelling: a valid token with junk after its signature, padding, or set unused
 * bits is refused, and so is a token without {@code kid} (which jose4j would verify against the
 * only published key). The JWKS is served over real HTTP by the JDK's server.
 */
class JwtVerifierStrictnessTest {
    static final long NOW = 1_800_000_000L;
    static HttpServer server;
    static RsaJsonWebKey key;
    static JwtVerifier verifier;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        var pair = gen.generateKeyPair();
        key = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        key.setPrivateKey(pair.getPrivate());
        key.setKeyId("key_1");
        byte[] jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        verifier = new JwtVerifier("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks", Duration.ofSeconds(2),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static String token(boolean withKid) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("user_1");
        claims.setClaim("sid", "session_1");
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(NOW + 300));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        if (withKid) {
            jws.setKeyIdHeaderValue(key.getKeyId());
        }
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void aWellFormedTokenIsValid() throws Exception {
        assertThat(verifier.verify(token(true))).isInstanceOf(JwtVerifier.Valid.class);
    }

    @Test
    void aTokenWithoutKidIsRefused() throws Exception {
        assertThat(verifier.verify(token(false))).isInstanceOf(JwtVerifier.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "AA", "==", "=", ".", "%", " ", "\n", "~"})
    void junkAfterTheSignatureIsRefused(String junk) throws Exception {
        assertThat(verifier.verify(token(true) + junk)).isInstanceOf(JwtVerifier.Invalid.class);
    }

    @Test
    void unusedBitsInTheLastCharacterAreRefused() throws Exception {
        String t = token(true);
        // a 2048-bit signature is 342 base64url characters: the last one carries 2 bits and 4 unused ones
        char last = t.charAt(t.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sibling = alphabet.charAt(alphabet.indexOf(last) | 0x01);
        assertThat(verifier.verify(t.substring(0, t.length() - 1) + sibling)).isInstanceOf(JwtVerifier.Invalid.class);
    }

    @Test
    void paddedOrAlteredHeaderAndPayloadAreRefused() throws Exception {
        String t = token(true);
        int dot = t.indexOf('.');
        int dot2 = t.indexOf('.', dot + 1);
        assertThat(verifier.verify(t.substring(0, dot) + "=" + t.substring(dot))).isInstanceOf(JwtVerifier.Invalid.class);
        assertThat(verifier.verify(t.substring(0, dot2) + "=" + t.substring(dot2))).isInstanceOf(JwtVerifier.Invalid.class);
        assertThat(verifier.verify(t + ".x")).isInstanceOf(JwtVerifier.Invalid.class);
    }
}
