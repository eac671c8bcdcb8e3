package dev.authkit.core.internal.request;

import dev.authkit.core.internal.crypto.Sha256Key;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code Cookie} request headers, the same way for every adapter. */
public final class Cookies {
    /** Browsers send at most a few KiB of cookies; more is not a browser and is not read. */
    private static final int MAX_HEADER_CHARS = 64 * 1024;

    private Cookies() {
    }

    /**
     * One cookie as the client sent it: where its value sits in its {@code Cookie} header (surrounding
     * spaces and double quotes excluded), so it can be hashed without being copied.
     */
    public record Raw(String header, int valueStart, int valueEnd) {
        /** The value decoded as {@link #parse} decodes it. */
        public String value() {
            return decode(header.substring(valueStart, valueEnd));
        }

        /** SHA-256 of the value as sent; empty for a value outside ASCII. */
        public Optional<Sha256Key> digest() {
            return Sha256Key.of(header, valueStart, valueEnd);
        }
    }

    /**
     * Name to value, in order. Values are URL-decoded as JavaScript's {@code decodeURIComponent}
     * would (a value with a bad escape is kept as sent) and lose surrounding double quotes. When a
     * name repeats, the first wins: browsers send the cookie with the most specific path first.
     */
    public static Map<String, String> parse(List<String> cookieHeaders) {
        Map<String, String> out = new LinkedHashMap<>();
        int budget = MAX_HEADER_CHARS;
        int[] pair = new int[4];
        for (String header : cookieHeaders) {
            if (header == null) {
                continue;
            }
            budget -= header.length();
            if (budget < 0) {
                break;
            }
            for (int at = nextPair(header, 0, pair); at >= 0; at = nextPair(header, at, pair)) {
                out.putIfAbsent(header.substring(pair[0], pair[1]), decode(header.substring(pair[2], pair[3])));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The first cookie named {@code name}, read by the same rules as {@link #parse}, without reading the others' values. */
    public static Optional<Raw> find(List<String> cookieHeaders, String name) {
        int budget = MAX_HEADER_CHARS;
        int[] pair = new int[4];
        for (String header : cookieHeaders) {
            if (header == null) {
                continue;
            }
            budget -= header.length();
            if (budget < 0) {
                break;
            }
            for (int at = nextPair(header, 0, pair); at >= 0; at = nextPair(header, at, pair)) {
                if (pair[1] - pair[0] == name.length() && header.startsWith(name, pair[0])) {
                    return Optional.of(new Raw(header, pair[2], pair[3]));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the next {@code name=value} pair of {@code header} at or after {@code from}, skipping
     * pieces between semicolons that have no {@code =} or an empty name. Writes name start and
     * end, value start and end into {@code pair} (both trimmed, the value without surrounding
     * double quotes) and returns where to continue, or -1 when there is none.
     */
    private static int nextPair(String header, int from, int[] pair) {
        int start = from;
        while (start < header.length()) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = header.length();
            }
            int eq = header.indexOf('=', start);
            if (eq > start && eq < end) {
                int nameStart = skipSpace(header, start, eq);
                int nameEnd = trimEnd(header, nameStart, eq);
                int valueStart = skipSpace(header, eq + 1, end);
                int valueEnd = trimEnd(header, valueStart, end);
                if (valueEnd - valueStart >= 2 && header.charAt(valueStart) == '"' && header.charAt(valueEnd - 1) == '"') {
                    valueStart++;
                    valueEnd--;
                }
                if (nameEnd > nameStart) {
                    pair[0] = nameStart;
                    pair[1] = nameEnd;
                    pair[2] = valueStart;
                    pair[3] = valueEnd;
                    return end + 1;
                }
            }
            start = end + 1;
        }
        return -1;
    }

    /** Like {@link String#trim()}: characters up to U+0020 count as space. */
    private static int skipSpace(String s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }

    private static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        // decodeURIComponent throws on a malformed escape; the cookie npm package then keeps the raw value
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '%' && (i + 2 >= value.length()
                    || Character.digit(value.charAt(i + 1), 16) < 0 || Character.digit(value.charAt(i + 2), 16) < 0)) {
                return value;
            }
        }
        String decoded = UrlPaths.percentDecode(value);
        return decoded.indexOf('\uFFFD') >= 0 && value.indexOf('\uFFFD') < 0 ? value : decoded;
    }
}
