package dev.authkit.core.internal.request;

import java.util.Optional;
import java.util.Set;

/**
 * The one pass over a raw request path behind {@code PathPolicy}: finds the first kind of
 * {@link Rule ambiguity} the path holds that is not allowed. Runs on every request, so it allocates only for
 * a segment that holds a period and an escape.
 */
public final class RawPathScanner {
    /**
     * The kinds of ambiguity, named and ordered as {@code PathPolicy.Rule} (which documents each
     * and maps to these by name), so the scanner needs nothing from the API.
     */
    public enum Rule {
        ENCODED_SLASH, BACKSLASH, ENCODED_PERIOD, DOT_SEGMENT, EMPTY_SEGMENT, SEMICOLON, ENCODED_PERCENT, UNPRINTABLE,
        INVALID_ENCODING
    }

    private RawPathScanner() {
    }

    public static Optional<Rule> firstViolation(String raw, Set<Rule> allowed) {
        int n = raw.length();
        int segmentStart = 0;
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            Rule broken = null;
            if (c == '/') {
                if (i > 0 && raw.charAt(i - 1) == '/') {
                    broken = Rule.EMPTY_SEGMENT;
                } else if (isDotSegment(raw, segmentStart, i, allowed)) {
                    broken = Rule.DOT_SEGMENT;
                }
                segmentStart = i + 1;
            } else if (c <= 0x20 || c >= 0x7F) {
                broken = Rule.UNPRINTABLE;
            } else if (c == '\\') {
                broken = Rule.BACKSLASH;
            } else if (c == ';') {
                broken = Rule.SEMICOLON;
            } else if (c == '%') {
                int b = escapedByte(raw, i);
                if (b < 0) {
                    broken = Rule.INVALID_ENCODING;
                } else if (b >= 0x80) {
                    int end = utf8Sequence(raw, i);
                    if (end < 0) {
                        broken = Rule.INVALID_ENCODING;
                    } else {
                        broken = unprintableCodePoint(raw, i) ? Rule.UNPRINTABLE : null;
                        i = end - 1;
                    }
                } else {
                    broken = escapedAscii(b);
                    i += 2;
                }
            }
            if (broken != null && !allowed.contains(broken)) {
                return Optional.of(broken);
            }
        }
        if (isDotSegment(raw, segmentStart, n, allowed) && !allowed.contains(Rule.DOT_SEGMENT)) {
            return Optional.of(Rule.DOT_SEGMENT);
        }
        return Optional.empty();
    }

    private static Rule escapedAscii(int b) {
        switch (b) {
            case '/':
                return Rule.ENCODED_SLASH;
            case '\\':
                return Rule.BACKSLASH;
            case '.':
                return Rule.ENCODED_PERIOD;
            case '%':
                return Rule.ENCODED_PERCENT;
            case ';':
                return Rule.SEMICOLON;
            default:
                return b < 0x20 || b == 0x7F ? Rule.UNPRINTABLE : null;
        }
    }

    /**
     * Whether {@code raw[start, end)} is {@code .} or {@code ..} once path parameters are cut off and
     * escapes decoded, or (when encoded slashes or backslashes are allowed) holds such a part.
     */
    private static boolean isDotSegment(String raw, int start, int end, Set<Rule> allowed) {
        boolean candidate = false;
        for (int k = start; k < end; k++) {
            char c = raw.charAt(k);
            if (c == ';') {
                end = k;
                break;
            }
            candidate |= c == '.' || c == '%';
        }
        if (!candidate) {
            return false;
        }
        String segment = raw.substring(start, end);
        if (segment.equals(".") || segment.equals("..")) {
            return true;
        }
        if (segment.indexOf('%') < 0 && segment.indexOf('\\') < 0) {
            return false;
        }
        for (String part : UrlPaths.percentDecode(segment).split("[/\\\\]", -1)) {
            if (part.equals(".") || part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** The byte of the escape at {@code raw[i]}, or -1 when it is not {@code %} and two hex digits. */
    private static int escapedByte(String raw, int i) {
        if (i + 2 >= raw.length()) {
            return -1;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    /**
     * The index just past a well-formed UTF-8 sequence of escapes starting at {@code raw[i]}
     * (shortest form, no surrogates, at most U+10FFFF), or -1.
     */
    private static int utf8Sequence(String raw, int i) {
        int lead = escapedByte(raw, i);
        int count;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            count = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            count = 2;
            min = lead == 0xE0 ? 0xA0 : 0x80;
            max = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            count = 3;
            min = lead == 0xF0 ? 0x90 : 0x80;
            max = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return -1;
        }
        int at = i + 3;
        for (int k = 0; k < count; k++, at += 3) {
            if (at >= raw.length() || raw.charAt(at) != '%') {
                return -1;
            }
            int b = escapedByte(raw, at);
            if (b < (k == 0 ? min : 0x80) || b > (k == 0 ? max : 0xBF)) {
                return -1;
            }
        }
        return at;
    }

    /** C1 controls (U+0080..U+009F) and the line and paragraph separators U+2028, U+2029. */
    private static boolean unprintableCodePoint(String raw, int i) {
        int lead = escapedByte(raw, i);
        int second = escapedByte(raw, i + 3);
        if (lead == 0xC2) {
            return second <= 0x9F;
        }
        if (lead == 0xE2 && second == 0x80) {
            int third = escapedByte(raw, i + 6);
            return third == 0xA8 || third == 0xA9;
        }
        return false;
    }
}
