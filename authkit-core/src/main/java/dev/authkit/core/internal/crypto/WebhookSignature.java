package dev.authkit.core.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WorkOS's webhook signature: {@code WorkOS-Signature: t=<ms>, v1=<hex HMAC-SHA256 of "<t>.<raw body>">},
 * compared in constant time, the timestamp within {@link #TOLERANCE} of now either way.
 */
public final class WebhookSignature {
    public static final Duration TOLERANCE = Duration.ofMinutes(3);
    private static final int MAX_HEADER_CHARS = 512;

    /** The verdict on one request. */
    public enum Verdict { VALID, MALFORMED, STALE, FORGED }

    private WebhookSignature() {
    }

    /** The signature header WorkOS would send for {@code body} at {@code timestampMillis}. */
    public static String sign(String secret, long timestampMillis, String body) {
        return "t=" + timestampMillis + ", v1=" + HexFormat.of().formatHex(hmac(secret, timestampMillis + "." + body));
    }

    public static Verdict verify(String header, String body, String secret, long nowMillis) {
        if (header == null || header.length() > MAX_HEADER_CHARS) {
            return Verdict.MALFORMED;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String p = part.strip();
            if (p.startsWith("t=") && t == null) {
                t = p.substring(2);
            } else if (p.startsWith("v1=") && v1 == null) {
                v1 = p.substring(3);
            }
        }
        if (t == null || v1 == null || !t.matches("[0-9]{1,15}") || !v1.matches("[0-9a-fA-F]{64}")) {
            return Verdict.MALFORMED;
        }
        long timestamp = Long.parseLong(t);
        if (Math.abs(nowMillis - timestamp) > TOLERANCE.toMillis()) {
            return Verdict.STALE;
        }
        byte[] expected = hmac(secret, t + "." + body);
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1)) ? Verdict.VALID : Verdict.FORGED;
    }

    private static byte[] hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
