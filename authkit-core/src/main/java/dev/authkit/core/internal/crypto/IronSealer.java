package dev.authkit.core.internal.crypto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.authkit.core.AuthKitConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Iron seal ({@code Fe26.2}) as iron-webcrypto writes it, wrapped as iron-session does with a
 * {@code ~2} suffix outside the MAC.
 *
 * <pre>
 * Fe26.2*{id}*{encSalt}*{iv}*{ciphertext}*{expiration}*{hmacSalt}*{hmac}~2
 * </pre>
 *
 * <ul>
 * <li>salts: 32 random bytes as 64 lowercase hex characters; the hex <em>text</em> is the PBKDF2
 *     salt (iron never hex-decodes it);</li>
 * <li>keys: PBKDF2-HMAC-SHA1, one iteration, 32 bytes, one per salt;</li>
 * <li>ciphertext: AES-256-CBC with PKCS#7 padding over the UTF-8 JSON, IV of 16 random bytes;</li>
 * <li>expiration: empty, or epoch milliseconds; a seal is expired once
 *     {@code expiration <= now - 60 s} (iron's default skew);</li>
 * <li>hmac: HMAC-SHA256 over the first six fields joined by {@code *}.</li>
 * </ul>
 *
 * <p>Binary fields are base64url without padding. Unsealing checks, in order: size, suffix, field
 * count, prefix, expiration, password id, MAC (constant time), then decrypts, decodes UTF-8 strictly
 * and checks the result is one JSON value. Any failure is {@link Optional#empty()}.
 */
public final class IronSealer {
    static final String MAC_PREFIX = "Fe26.2";
    static final String VERSION_SUFFIX = "~2";
    /** iron's {@code timestampSkewSec} default, in milliseconds. */
    static final long EXPIRATION_SKEW_MILLIS = 60_000L;
    /** Far above any cookie a browser keeps (4 KiB); bounds the work spent on hostile input. */
    static final int MAX_SEALED_LENGTH = 64 * 1024;
    /** iron's salts are 64 characters; anything much longer is not a seal of ours. */
    private static final int MAX_SALT_LENGTH = 256;
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 16;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonFactory JSON = new JsonFactory();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The JCE objects a seal needs, looked up once per thread: the provider lookup of
     * {@code getInstance} costs more than the cryptography on a session-sized cookie. Each is
     * initialized with its key before every use.
     */
    private static final class Primitives {
        final Cipher aes;
        final Mac hmacSha256;
        final Mac hmacSha1;

        Primitives() {
            try {
                aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
                hmacSha256 = Mac.getInstance("HmacSHA256");
                hmacSha1 = Mac.getInstance("HmacSHA1");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-256-CBC, HMAC-SHA256 or HMAC-SHA1 is not available in this JVM", e);
            }
        }
    }

    private static final ThreadLocal<Primitives> PRIMITIVES = ThreadLocal.withInitial(Primitives::new);

    private final Map<String, byte[]> passwords;
    private final String sealId;
    private final Clock clock;

    /**
     * @param passwordsById {@code {id: password}}, ids non-negative integers; seals with the highest
     * @param clock         the time source for expirations
     */
    public IronSealer(Map<String, String> passwordsById, Clock clock) {
        Objects.requireNonNull(passwordsById, "passwordsById");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (passwordsById.isEmpty()) {
            throw new AuthKitConfigException("A cookie sealer needs at least one password.");
        }
        Map<String, byte[]> copy = new HashMap<>();
        String highest = null;
        for (Map.Entry<String, String> e : passwordsById.entrySet()) {
            String id = e.getKey();
            if (id == null || !id.matches("0|[1-9][0-9]{0,17}")) {
                throw new AuthKitConfigException("Cookie password ids must be non-negative whole numbers "
                        + "such as 1 or 2 (the highest one seals), got '" + id + "'.");
            }
            String password = e.getValue();
            if (password == null || password.length() < 32) {
                throw new AuthKitConfigException("The cookie password with id " + id
                        + " is shorter than 32 characters; Iron requires at least 32.");
            }
            copy.put(id, password.getBytes(StandardCharsets.UTF_8));
            if (highest == null || Long.parseLong(id) > Long.parseLong(highest)) {
                highest = id;
            }
        }
        this.passwords = Map.copyOf(copy);
        this.sealId = highest;
    }

    public String seal(String plaintext, Duration ttl) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative");
        }
        if (!isSingleJsonValue(plaintext)) {
            throw new IllegalArgumentException("only JSON text can be sealed (iron-session parses it as JSON)");
        }
        long expiration = ttl.isZero() ? 0L : clock.millis() + ttl.toMillis();
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        return sealWith(plaintext, expiration, randomSalt(), iv, randomSalt());
    }

    /**
     * Seals with given salts and IV; for reproducing known vectors. {@code expirationMillis} 0
     * writes no expiration.
     */
    public String sealWith(String plaintext, long expirationMillis, String encSalt, byte[] iv, String hmacSalt) {
        byte[] password = passwords.get(sealId);
        try {
            Cipher cipher = PRIMITIVES.get().aes;
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(deriveKey(password, encSalt), "AES"),
                    new IvParameterSpec(iv));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            String base = MAC_PREFIX + '*' + sealId + '*' + encSalt + '*' + B64.encodeToString(iv) + '*'
                    + B64.encodeToString(ciphertext) + '*' + (expirationMillis == 0 ? "" : Long.toString(expirationMillis));
            return base + '*' + hmacSalt + '*' + hmac(password, hmacSalt, base) + VERSION_SUFFIX;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC or HMAC-SHA256 is not available in this JVM", e);
        }
    }

    public Optional<String> unseal(String sealed) {
        if (sealed == null || sealed.length() > MAX_SEALED_LENGTH) {
            return Optional.empty();
        }
        String body = sealed;
        int tilde = sealed.indexOf('~');
        if (tilde >= 0) {
            if (!sealed.substring(tilde).equals(VERSION_SUFFIX)) {
                return Optional.empty();
            }
            body = sealed.substring(0, tilde);
        }
        String[] parts = body.split("\\*", -1);
        if (parts.length != 8 || !MAC_PREFIX.equals(parts[0])) {
            return Optional.empty();
        }
        String id = parts[1];
        String encSalt = parts[2];
        String expiration = parts[5];
        String hmacSalt = parts[6];
        if (!expiration.isEmpty()) {
            if (expiration.length() > 18 || !isDigits(expiration) || isExpired(Long.parseLong(expiration))) {
                return Optional.empty();
            }
        }
        byte[] password = passwords.get(id);
        if (password == null || !validSalt(encSalt) || !validSalt(hmacSalt)) {
            return Optional.empty();
        }
        try {
            int macBaseEnd = body.length() - parts[7].length() - hmacSalt.length() - 2;
            String macBase = body.substring(0, macBaseEnd);
            byte[] expected = hmac(password, hmacSalt, macBase).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, parts[7].getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            byte[] iv = B64_DECODER.decode(parts[3]);
            byte[] ciphertext = B64_DECODER.decode(parts[4]);
            if (iv.length != IV_BYTES || ciphertext.length == 0 || ciphertext.length % 16 != 0) {
                return Optional.empty();
            }
            Cipher cipher = PRIMITIVES.get().aes;
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(deriveKey(password, encSalt), "AES"),
                    new IvParameterSpec(iv));
            String plaintext = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(cipher.doFinal(ciphertext)))
                    .toString();
            return isSingleJsonValue(plaintext) ? Optional.of(plaintext) : Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException | CharacterCodingException e) {
            // bad base64, bad padding, bad UTF-8: not a seal we made
            return Optional.empty();
        }
    }

    /**
     * The expiration field of a seal, in epoch milliseconds; empty when it has none (as
     * authkit-nextjs's session cookie) or when {@code sealed} is not a well-formed seal.
     */
    public static OptionalLong expirationOf(String sealed) {
        int star = -1;
        for (int field = 0; field < 5; field++) { // the expiration follows the fifth '*'
            star = sealed.indexOf('*', star + 1);
            if (star < 0) {
                return OptionalLong.empty();
            }
        }
        int end = sealed.indexOf('*', star + 1);
        String expiration = end < 0 ? "" : sealed.substring(star + 1, end);
        return !expiration.isEmpty() && expiration.length() <= 18 && isDigits(expiration)
                ? OptionalLong.of(Long.parseLong(expiration)) : OptionalLong.empty();
    }

    /**
     * True once {@link #unseal} refuses a seal with this expiration (epoch milliseconds): when it
     * lies more than iron's 60-second skew in the past on this sealer's clock.
     */
    public boolean isExpired(long expirationMillis) {
        return expirationMillis <= clock.millis() - EXPIRATION_SKEW_MILLIS;
    }

    private static boolean validSalt(String salt) {
        return !salt.isEmpty() && salt.length() <= MAX_SALT_LENGTH;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String randomSalt() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return HEX.formatHex(salt);
    }

    private static String hmac(byte[] password, String salt, String macBase) throws GeneralSecurityException {
        byte[] key = deriveKey(password, salt);
        Mac mac = PRIMITIVES.get().hmacSha256;
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return B64.encodeToString(mac.doFinal(macBase.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * PBKDF2-HMAC-SHA1 with one iteration and a 32-byte output, written out: two HMAC-SHA1 blocks,
     * {@code T1 || T2[0..12)}. With one iteration each block is a single HMAC, so this is the
     * whole algorithm, and it spares the JCE's PBKDF2 provider lookup on the hot path.
     */
    static byte[] deriveKey(byte[] password, String salt) throws GeneralSecurityException {
        Mac prf = PRIMITIVES.get().hmacSha1;
        prf.init(new SecretKeySpec(password, "HmacSHA1"));
        byte[] saltBytes = salt.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[KEY_BYTES];
        int offset = 0;
        for (int block = 1; offset < KEY_BYTES; block++) {
            prf.update(saltBytes);
            prf.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            byte[] t = prf.doFinal();
            int n = Math.min(t.length, KEY_BYTES - offset);
            System.arraycopy(t, 0, key, offset, n);
            offset += n;
        }
        return key;
    }

    /** True if {@code text} is exactly one JSON value (what {@code JSON.parse} accepts). */
    static boolean isSingleJsonValue(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
