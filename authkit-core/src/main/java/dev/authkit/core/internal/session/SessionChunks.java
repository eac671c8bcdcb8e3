package dev.authkit.core.internal.session;

import dev.authkit.core.internal.request.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The chunked form of the session cookie: {@code <name>.0}, {@code <name>.1}, ... whose values,
 * joined in order, are one sealed session. The first chunk's value starts with the number of chunks
 * and a dot ({@code 2.Fe26.2*...}), so a stale chunk left behind (a lost deletion) is recognised and
 * deleted rather than joined.
 *
 * <p>Limits, in bytes of the {@code Cookie} request header, so that a request stays under the 8 KiB
 * header limit of Tomcat and Jetty with room for its request line and other headers (a browser's
 * navigation sends about 1 KiB besides cookies, a pending sign-in adds a verifier cookie of about
 * 0.5 KiB): all chunks together at most {@link #MAX_TOTAL_BYTES}, at most {@link #MAX_CHUNKS}
 * chunks. Each chunk's {@code Set-Cookie} stays within the browsers' 4,096 bytes.
 */
public final class SessionChunks {
    /** The most chunks written or read; a request with more is junk. */
    public static final int MAX_CHUNKS = 3;
    /** The most bytes all chunks of a session may take in the {@code Cookie} header ({@code name=value; ...}). */
    public static final int MAX_TOTAL_BYTES = 6144;
    /** The most stale chunks one response deletes (the others go with the next responses), keeping its headers small. */
    public static final int MAX_DELETIONS = 8;
    /** Highest index looked at: three digits. */
    private static final int MAX_INDEX = 999;

    private SessionChunks() {
    }

    /** The name of chunk {@code index}. */
    public static String name(String cookieName, int index) {
        return cookieName + "." + index;
    }

    /** Index to value of the chunks of {@code cookieName} the request carries, in index order. */
    public static TreeMap<Integer, String> present(RequestContext ctx, String cookieName) {
        TreeMap<Integer, String> out = new TreeMap<>();
        String prefix = cookieName + ".";
        for (Map.Entry<String, String> c : ctx.cookies().entrySet()) {
            String n = c.getKey();
            if (n.length() > prefix.length() && n.length() <= prefix.length() + 3 && n.startsWith(prefix)) {
                String digits = n.substring(prefix.length());
                if (digits.chars().allMatch(ch -> ch >= '0' && ch <= '9') && (digits.length() == 1 || digits.charAt(0) != '0')) {
                    int i = Integer.parseInt(digits);
                    if (i <= MAX_INDEX) {
                        out.put(i, c.getValue());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The sealed session the chunks hold, and how many chunks that is: chunk 0 names the count,
     * the chunks {@code 0..count-1} must all be present; empty for anything else (missing chunks,
     * a count over {@link #MAX_CHUNKS}, no count).
     */
    public static Optional<Joined> join(TreeMap<Integer, String> chunks) {
        String first = chunks.get(0);
        if (first == null) {
            return Optional.empty();
        }
        int dot = first.indexOf('.');
        if (dot != 1 || first.charAt(0) < '1' || first.charAt(0) > '0' + MAX_CHUNKS) {
            return Optional.empty();
        }
        int count = first.charAt(0) - '0';
        StringBuilder b = new StringBuilder(first.length() * count).append(first, 2, first.length());
        for (int i = 1; i < count; i++) {
            String part = chunks.get(i);
            if (part == null) {
                return Optional.empty();
            }
            b.append(part);
        }
        return Optional.of(new Joined(b.toString(), count));
    }

    /** @param sealed the joined sealed session; @param count how many chunks carried it */
    public record Joined(String sealed, int count) {
    }

    /**
     * {@code sealed} cut into chunk values, the first prefixed with the count, each at most
     * {@code maxValueChars} long; empty when that takes more than {@link #MAX_CHUNKS} chunks.
     */
    public static Optional<List<String>> split(String sealed, int maxValueChars) {
        int usable = maxValueChars - 2;
        int count = (sealed.length() + usable - 1) / usable;
        if (count < 1 || count > MAX_CHUNKS) {
            return Optional.empty();
        }
        int per = (sealed.length() + count - 1) / count; // even parts: no tiny last chunk
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String part = sealed.substring(Math.min(i * per, sealed.length()), Math.min((i + 1) * per, sealed.length()));
            out.add(i == 0 ? count + "." + part : part);
        }
        return Optional.of(List.copyOf(out));
    }
}
