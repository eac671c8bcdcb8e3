package dev.authkit.core.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code Cookie} request headers, the same way for every adapter. */
public final class Cookies {
    /** Browsers send at most a few KiB of cookies; more is not a browser and is not read. */
    private static final int MAX_HEADER_CHARS = 64 * 1024;

    private Cookies() {
    }

    /**
     * Name to value, in order. Values are URL-decoded as JavaScript's {@code decodeURIComponent}
     * would (a value with a bad escape is kept as sent) and lose surrounding double quotes. When a
     * name repeats, the first wins: browsers send the cookie with the most specific path first.
     */
    public static Map<String, String> parse(List<String> cookieHeaders) {
        Map<String, String> out = new LinkedHashMap<>();
        int budget = MAX_HEADER_CHARS;
        for (String header : cookieHeaders) {
            if (header == null) {
                continue;
            }
            budget -= header.length();
            if (budget < 0) {
                break;
            }
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!name.isEmpty() && !out.containsKey(name)) {
                    out.put(name, decode(value));
                }
            }
        }
        return Collections.unmodifiableMap(out);
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
