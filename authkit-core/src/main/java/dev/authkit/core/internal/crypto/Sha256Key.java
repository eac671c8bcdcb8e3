package dev.authkit.core.internal.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The SHA-256 of a secret (a session cookie, an access token), as a cache key: holding it reveals
 * nothing that could be replayed, and two different secrets never share one in practice
 * (a collision would need about 2<sup>128</sup> attempts).
 *
 * <p>Hashing runs on a per-thread {@link MessageDigest} and scratch buffer, so computing a key
 * allocates only the key itself: this runs on every signed-in request.
 */
public record Sha256Key(long w0, long w1, long w2, long w3) {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

    /** The key of {@code text}, which must be ASCII (tokens and cookie values are). */
    public static Optional<Sha256Key> of(String text) {
        return of(text, 0, text.length());
    }

    /**
     * The key of {@code text[start, end)}; empty when that range holds a character outside ASCII,
     * which no cookie value or token we accept contains (so such input is simply not cached).
     */
    public static Optional<Sha256Key> of(String text, int start, int end) {
        return HASHER.get().hash(text, start, end);
    }

    /** A reusable digest with buffers to copy characters through; one per thread. */
    private static final class Hasher {
        private static final int CHUNK = 512;
        private final MessageDigest sha256;
        private final char[] chars = new char[CHUNK];
        private final byte[] bytes = new byte[CHUNK];
        private final byte[] digest = new byte[32];

        Hasher() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available in this JVM", e);
            }
        }

        Optional<Sha256Key> hash(String text, int start, int end) {
            sha256.reset();
            for (int i = start; i < end; i += CHUNK) {
                int n = Math.min(CHUNK, end - i);
                text.getChars(i, i + n, chars, 0);
                // a plain loop over arrays, without an early exit, so the JIT can vectorize it
                int any = 0;
                for (int k = 0; k < n; k++) {
                    any |= chars[k];
                    bytes[k] = (byte) chars[k];
                }
                if (any > 0x7F) {
                    return Optional.empty();
                }
                sha256.update(bytes, 0, n);
            }
            try {
                sha256.digest(digest, 0, digest.length);
            } catch (DigestException e) {
                throw new IllegalStateException(e); // the buffer is exactly 32 bytes
            }
            return Optional.of(new Sha256Key((long) LONGS.get(digest, 0), (long) LONGS.get(digest, 8),
                    (long) LONGS.get(digest, 16), (long) LONGS.get(digest, 24)));
        }
    }
}
