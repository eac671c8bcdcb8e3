package dev.authkit.core.internal.request;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The URL path arithmetic authkit needs, written once: the canonical form of a request path that
 * route rules are matched against, the WHATWG URL reading of a route glob and of a return path,
 * and the percent-encoding sets those use.
 */
public final class UrlPaths {
    private static final Set<String> SPECIAL_SCHEMES = Set.of("http", "https", "ws", "wss", "ftp", "file");

    private UrlPaths() {
    }

    /**
     * The one canonical path of a request, from its raw (still percent-encoded) path:
     * {@code ;parameters} removed from every segment, percent-decoded once (invalid escapes kept
     * as text, invalid UTF-8 replaced), backslashes read as slashes, empty segments ({@code //})
     * collapsed, dot segments resolved, then percent-encoded again with the WHATWG path set so it
     * compares with route globs as the browser would have sent them. {@code /%61dmin/../admin;x=y//a}
     * becomes {@code /admin/a}.
     */
    public static String canonicalPath(String rawPath) {
        String raw = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return isCanonical(raw) ? raw : canonicalize(raw); // the common case answered without splitting or copying
    }

    /** {@link #canonicalPath} the long way, for any path. */
    static String canonicalize(String raw) {
        List<String> out = new ArrayList<>();
        String[] segments = raw.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            int semicolon = segment.indexOf(';');
            if (semicolon >= 0) {
                segment = segment.substring(0, semicolon);
            }
            String[] parts = percentDecode(segment).replace('\\', '/').split("/", -1);
            for (int j = 0; j < parts.length; j++) {
                // only the very last part ends the path: "..%2f..%2fadmin" is three segments, not three last ones
                applySegment(out, parts[j], i == segments.length - 1 && j == parts.length - 1);
            }
        }
        return joinPath(out, UrlPaths::encodePathSegment);
    }

    /**
     * True when {@code raw} is its own canonical form: it starts with {@code /}, has no empty
     * segment but a final one, no {@code .} or {@code ..} segment, and only characters that
     * canonicalization neither decodes, cuts nor encodes (so no {@code %}, {@code ;} or {@code \}).
     */
    static boolean isCanonical(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '/') {
            return false;
        }
        int segmentStart = 1;
        for (int i = 1; i <= raw.length(); i++) {
            boolean end = i == raw.length();
            if (!end && raw.charAt(i) != '/') {
                char c = raw.charAt(i);
                if (c == '%' || c == ';' || c == '\\' || inPathSet(c)) {
                    return false;
                }
                continue;
            }
            // the segment [segmentStart, i) ends here
            int length = i - segmentStart;
            if (length == 0 && !end) {
                return false; // an empty segment inside the path: //
            }
            if (raw.startsWith(".", segmentStart) && (length == 1 || length == 2 && raw.charAt(segmentStart + 1) == '.')) {
                return false; // a dot segment
            }
            segmentStart = i + 1;
        }
        return true;
    }

    /** Adds one decoded segment to a path under construction: {@code .}, {@code ..} and empty segments resolved. */
    private static void applySegment(List<String> out, String segment, boolean last) {
        if (segment.equals(".")) {
            if (last) {
                out.add("");
            }
        } else if (segment.equals("..")) {
            if (!out.isEmpty()) {
                out.remove(out.size() - 1);
                if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                    out.remove(out.size() - 1);
                }
            }
            if (last) {
                out.add("");
            }
        } else if (segment.isEmpty()) {
            if (last && !out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
                out.add(""); // keep a single trailing slash
            }
        } else {
            if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
            out.add(segment);
        }
    }

    private static String joinPath(List<String> segments, java.util.function.UnaryOperator<String> encode) {
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            b.append('/').append(encode.apply(s));
        }
        return b.toString();
    }

    /**
     * What {@code new URL(glob, "https://example.com")} gives as {@code pathname + hash}, which is
     * what authkit-nextjs hands to path-to-regexp: the query dropped, dot segments resolved,
     * backslashes read as slashes, and the WHATWG path and fragment percent-encoding applied.
     */
    public static String globPathAndHash(String glob) {
        String s = stripControls(glob);
        String scheme = scheme(s);
        String rest = scheme == null ? s : s.substring(scheme.length() + 1);
        boolean opaque = false;
        if (scheme != null && !SPECIAL_SCHEMES.contains(scheme)) {
            opaque = !rest.startsWith("/");
        }
        if (opaque) {
            int hash = rest.indexOf('#');
            String path = hash < 0 ? rest : rest.substring(0, hash);
            int q = path.indexOf('?');
            path = q < 0 ? path : path.substring(0, q);
            return encode(path, UrlPaths::inC0ControlSet) + fragment(hash < 0 ? null : rest.substring(hash + 1));
        }
        String pathPart = afterAuthority(scheme, slashes(rest));
        int hash = pathPart.indexOf('#');
        String fragment = hash < 0 ? null : pathPart.substring(hash + 1);
        String path = hash < 0 ? pathPart : pathPart.substring(0, hash);
        int q = path.indexOf('?');
        path = q < 0 ? path : path.substring(0, q);
        return resolveDots(path) + fragment(fragment);
    }

    /**
     * What authkit-nextjs keeps of a return path on the callback: the pathname and search of
     * {@code new URL(returnPathname, "https://placeholder.com")}, never a scheme, host or
     * fragment. {@code //evil.com/x} gives {@code /x}; {@code javascript:alert(1)} gives
     * {@code /alert(1)}.
     */
    public static String returnPathAndQuery(String returnPathname) {
        String s = stripControls(returnPathname);
        String scheme = scheme(s);
        if (scheme != null && !SPECIAL_SCHEMES.contains(scheme)) {
            // an opaque URL's path becomes the pathname of our https URL, which prefixes a slash
            String rest = s.substring(scheme.length() + 1);
            int hash = rest.indexOf('#');
            rest = hash < 0 ? rest : rest.substring(0, hash);
            int q = rest.indexOf('?');
            String path = q < 0 ? rest : rest.substring(0, q);
            String query = q < 0 ? "" : rest.substring(q);
            return resolveDots("/" + path) + encodeQuery(query);
        }
        String rest = slashes(scheme == null ? s : s.substring(scheme.length() + 1));
        String pathPart = afterAuthority(scheme, rest);
        int hash = pathPart.indexOf('#');
        String noFragment = hash < 0 ? pathPart : pathPart.substring(0, hash);
        int q = noFragment.indexOf('?');
        String path = q < 0 ? noFragment : noFragment.substring(0, q);
        String query = q < 0 ? "" : noFragment.substring(q);
        return resolveDots(path) + (query.equals("?") ? "" : encodeQuery(query));
    }

    /**
     * The path after the authority, for a URL read against an {@code https://} base: a
     * {@code //authority} is skipped; other special schemes than {@code https} always take an
     * authority (ignoring how many slashes precede it); a relative path is resolved against {@code /}.
     */
    private static String afterAuthority(String scheme, String rest) {
        boolean authority;
        if (scheme == null || scheme.equals("https")) {
            authority = rest.startsWith("//");
        } else {
            authority = SPECIAL_SCHEMES.contains(scheme);
        }
        if (authority) {
            int i = 0;
            while (i < rest.length() && rest.charAt(i) == '/') {
                i++;
            }
            int end = i;
            while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
                end++;
            }
            checkAuthority(rest.substring(i, end));
            String after = rest.substring(end);
            return after.isEmpty() || after.charAt(0) != '/' ? "/" + after : after;
        }
        return rest.startsWith("/") ? rest : "/" + rest;
    }

    /** Backslashes read as slashes before the query or fragment, as WHATWG URLs of special schemes do. */
    private static String slashes(String s) {
        int end = 0;
        while (end < s.length() && s.charAt(end) != '?' && s.charAt(end) != '#') {
            end++;
        }
        return s.substring(0, end).replace('\\', '/') + s.substring(end);
    }

    /**
     * Rejects what the WHATWG URL parser rejects in an authority ({@code Invalid URL}, Node's
     * message): an empty or forbidden host, a port that is not a number up to 65535.
     */
    private static void checkAuthority(String authority) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host = hostPort;
        int bracket = hostPort.lastIndexOf(']');
        int colon = hostPort.lastIndexOf(':');
        if (colon > bracket) {
            String port = hostPort.substring(colon + 1);
            host = hostPort.substring(0, colon);
            if (!port.isEmpty() && (!port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5
                    || Integer.parseInt(port) > 65_535)) {
                throw new IllegalArgumentException("Invalid URL");
            }
        }
        if (host.startsWith("[")) {
            if (!host.matches("\\[[0-9A-Fa-f:.]+\\]")) {
                throw new IllegalArgumentException("Invalid URL");
            }
            return;
        }
        String decoded = percentDecode(host);
        if (decoded.isEmpty()) {
            throw new IllegalArgumentException("Invalid URL");
        }
        for (int k = 0; k < decoded.length(); k++) {
            char c = decoded.charAt(k);
            if (c <= 0x20 || c == 0x7F || "#%/:<>?@[\\]^|".indexOf(c) >= 0 || c == '\uFFFD') {
                throw new IllegalArgumentException("Invalid URL");
            }
        }
    }

    /** Dot segments of an absolute path resolved, WHATWG style, then percent-encoded with the path set. */
    private static String resolveDots(String path) {
        String[] segments = path.substring(path.startsWith("/") ? 1 : 0).split("/", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String seg = segments[i];
            boolean last = i == segments.length - 1;
            String lower = seg.toLowerCase(Locale.ROOT);
            boolean single = lower.equals(".") || lower.equals("%2e");
            boolean dbl = lower.equals("..") || lower.equals(".%2e") || lower.equals("%2e.") || lower.equals("%2e%2e");
            if (dbl) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else if (single) {
                if (last) {
                    out.add("");
                }
            } else {
                out.add(seg);
            }
        }
        StringBuilder b = new StringBuilder();
        for (String seg : out) {
            b.append('/').append(encode(seg, UrlPaths::inPathSet));
        }
        return b.length() == 0 ? "/" : b.toString();
    }

    private static String fragment(String fragment) {
        if (fragment == null || fragment.isEmpty()) {
            return "";
        }
        return "#" + encode(fragment, UrlPaths::inFragmentSet);
    }

    private static String encodeQuery(String query) {
        return encode(query, c -> inC0ControlSet(c) || c == ' ' || c == '"' || c == '#' || c == '<' || c == '>' || c == '\'');
    }

    /**
     * The WHATWG path percent-encode set applied to one decoded segment, plus {@code %} (a decoded
     * {@code %25} goes back to {@code %25}) and {@code ;} (a decoded {@code %3B} is data, not a parameter),
     * so the canonical form is stable under re-canonicalization.
     */
    private static String encodePathSegment(String segment) {
        return encode(segment, c -> inPathSet(c) || c == '%' || c == ';');
    }

    private static boolean inC0ControlSet(int c) {
        return c < 0x20 || c > 0x7E;
    }

    private static boolean inFragmentSet(int c) {
        return inC0ControlSet(c) || c == ' ' || c == '"' || c == '<' || c == '>' || c == '`';
    }

    private static boolean inPathSet(int c) {
        return inC0ControlSet(c) || c == ' ' || c == '"' || c == '#' || c == '<' || c == '>' || c == '?'
                || c == '`' || c == '{' || c == '}';
    }

    private static String encode(String s, java.util.function.IntPredicate set) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (set.test(cp)) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                String ch = Character.isSurrogate(s.charAt(i)) && n == 1 ? "\uFFFD" : s.substring(i, i + n);
                for (byte x : ch.getBytes(StandardCharsets.UTF_8)) {
                    b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
                }
            } else if (b != null) {
                b.appendCodePoint(cp);
            }
            i += n;
        }
        return b == null ? s : b.toString();
    }

    /** Decodes {@code %XX} escapes as UTF-8; an invalid escape stays as text, invalid UTF-8 becomes U+FFFD. */
    public static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
                continue;
            }
            flush(bytes, out);
            out.append(c);
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() == 0) {
            return;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes.toByteArray()));
            out.append(chars);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e); // REPLACE never reports
        }
        bytes.reset();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static String scheme(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        if (!Character.isLetter(s.charAt(0)) || s.charAt(0) > 0x7F) {
            return null;
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
                return null;
            }
        }
        return s.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** WHATWG: leading and trailing C0 controls and spaces trimmed, tabs and newlines removed anywhere. */
    private static String stripControls(String s) {
        if (s == null) {
            return "";
        }
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= 0x20) {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= 0x20) {
            end--;
        }
        String t = s.substring(start, end);
        return t.indexOf('\t') < 0 && t.indexOf('\n') < 0 && t.indexOf('\r') < 0 ? t
                : t.replace("\t", "").replace("\n", "").replace("\r", "");
    }
}
