package dev.authkit.core.internal.request;

import dev.authkit.core.internal.request.UrlPaths;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shortcuts of the per-request path work answer exactly what the long way answers. */
class CanonicalFastPathTest {

    /** Every string of up to {@code maxLength} characters from {@code alphabet}, each with a leading slash. */
    static List<String> paths(String alphabet, int maxLength) {
        List<String> out = new ArrayList<>();
        List<String> level = List.of("/");
        out.add("/");
        for (int n = 1; n <= maxLength; n++) {
            List<String> next = new ArrayList<>();
            for (String p : level) {
                for (char c : alphabet.toCharArray()) {
                    next.add(p + c);
                }
            }
            out.addAll(next);
            level = next;
        }
        return out;
    }

    @Test
    void aPathTakenAsAlreadyCanonicalIsWhatTheLongWayGives() {
        int shortcuts = 0;
        List<String> wrong = new ArrayList<>();
        for (String raw : paths("/a.%;\\ 2e?~", 4)) {
            if (UrlPaths.isCanonical(raw)) {
                shortcuts++;
            }
            if (!UrlPaths.canonicalPath(raw).equals(UrlPaths.canonicalize(raw))) {
                wrong.add(raw);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(shortcuts).isGreaterThan(500);
    }

    @Test
    void commonPathsTakeTheShortcut() {
        for (String raw : List.of("/", "/account/settings", "/a/", "/.well-known/x", "/a..b/c.d", "/api/v1/users/123")) {
            assertThat(UrlPaths.isCanonical(raw)).as(raw).isTrue();
        }
        for (String raw : List.of("", "a", "//", "/a//b", "/.", "/a/..", "/a/./b", "/%61", "/a;b", "/a\\b", "/a b", "/é")) {
            assertThat(UrlPaths.isCanonical(raw)).as(raw).isFalse();
        }
    }

    @Test
    void theLiteralPrefixShortcutAgreesWithTheExpression() {
        List<String> globs = List.of("/", "", "/about", "/docs/:path*", "/docs/:path+", "/d/:x", "/d{/:x}?", "/d/(.*)",
                "/do", "/do/cs", "/:x", "/(d|o)", "/d\\:o", "/docs#x", "/d-:x", "/d.:x");
        List<String> paths = paths("/do", 5);
        List<String> wrong = new ArrayList<>();
        for (String glob : globs) {
            PathMatcher m = PathMatcher.compile(glob);
            Pattern expression = Pattern.compile(m.regex());
            for (String p : paths) {
                String canonical = UrlPaths.canonicalPath(p);
                if (m.matchesCanonical(canonical) != expression.matcher(canonical).find()) {
                    wrong.add(glob + " on " + canonical);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
