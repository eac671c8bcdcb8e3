package dev.authkit.core.internal.crypto;

import java.nio.charset.StandardCharsets;

/** FNV-1a, 32 bits, over UTF-8: what names authkit-nextjs's per-flow verifier cookies. */
public final class Fnv1a {
    private Fnv1a() {
    }

    /** Eight lower-case hex digits; {@code ""} gives {@code 811c9dc5}. */
    public static String hex32(String s) {
        int hash = 0x811c9dc5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return String.format("%08x", hash);
    }
}
