package dev.authkit.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.core.PathMatcher;
import dev.authkit.core.internal.request.UrlPaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link PathMatcher} against the real path-to-regexp 6.3.0 (npm), applied exactly as
 * authkit-nextjs applies it, over generated globs and paths; and {@code returnPathAndQuery}
 * against Node's WHATWG URL parser.
 */
class PathToRegexpDifferentialTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] GLOB_PARTS = {"/", "/", "/", "admin", "users", "a", "b", ":path", ":id", ":slug", "*", "+", "?",
        "(.*)", "(\\d+)", "(a|b)", "(?:x|y)", "((a))", "{", "}", "{/:p}", "-", ".", "..", "%20", "\\.", "\\", "[", "]",
        "#", "?q=1", ":", "(", ")", "é", " ", "_next", "(?!api)", "~", "$", "^"};
    static final String[] PATH_SEGMENTS = {"admin", "users", "a", "b", "123", "x.y", "_next", "api", "administrator",
        "a-b", "%20", "caf%C3%A9", "x~y", "-", "q", "users.json"};

    @Test
    void globsAgreeWithPathToRegexp() throws Exception {
        Random rnd = new Random(6_3_0);
        Set<String> globs = new LinkedHashSet<>(List.of("/unauthenticated", "/admin/:path*", "/public/:path+", "/docs/:slug",
                "/api/(.*)", "[*", "/((?!_next/static).*)", "/", "/about", "/account/sign-up", "/dashboard/:path*",
                "/a/:id?", "/a b", "https://other.example/x/:y", "//host/path", "/a/../b/:c", "relative/:p",
                "/files/:name.:ext", "/x/{:a}?", "/:a:b", "/user/:id(\\d+)", "/#frag", "/a?b=c", "/caf\u00e9/:x"));
        while (globs.size() < 260) {
            StringBuilder g = new StringBuilder(rnd.nextInt(4) == 0 ? "" : "/");
            int n = 1 + rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                g.append(GLOB_PARTS[rnd.nextInt(GLOB_PARTS.length)]);
            }
            globs.add(g.toString());
        }
        List<String> paths = new ArrayList<>(List.of("/", "/unauthenticated", "/unauthenticated/", "/Unauthenticated",
                "/admin", "/admin/", "/admin/a/b", "/administrator", "/public", "/public/a/b", "/docs/a", "/docs/a/b",
                "/api", "/api/", "/api/x", "/a%20b", "/files/x.txt", "/user/42", "/user/x"));
        while (paths.size() < 40) {
            StringBuilder p = new StringBuilder();
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                p.append('/').append(PATH_SEGMENTS[rnd.nextInt(PATH_SEGMENTS.length)]);
            }
            if (rnd.nextInt(4) == 0) {
                p.append('/');
            }
            paths.add(p.toString());
        }
        for (String p : paths) {
            assertThat(UrlPaths.canonicalPath(p)).as("generated paths are canonical").isEqualTo(p);
        }

        ObjectNode req = JSON.createObjectNode();
        ArrayNode arr = req.putArray("globs");
        for (String g : globs) {
            ObjectNode o = arr.addObject();
            o.put("glob", g);
            ArrayNode ps = o.putArray("paths");
            paths.forEach(ps::add);
        }
        JsonNode answers = JSON.readTree(NodeInterop.get().run("paths.mjs", req.toString())).get("globs");

        int pairs = 0;
        int errors = 0;
        int i = 0;
        for (String g : globs) {
            JsonNode node = answers.get(i++);
            PathMatcher m;
            try {
                m = PathMatcher.compile(g);
            } catch (IllegalArgumentException e) {
                assertThat(node.has("error")).as("Java rejects %s (%s), path-to-regexp must too", g, e.getMessage()).isTrue();
                assertThat(e.getMessage()).as("message for %s", g).contains("'" + g + "'");
                if (!node.get("error").asText().startsWith("Invalid regular expression")) {
                    assertThat(e.getMessage()).endsWith(node.get("error").asText());
                }
                errors++;
                continue;
            }
            assertThat(node.has("error")).as("Java accepts %s, path-to-regexp says %s", g, node.path("error").asText()).isFalse();
            // JavaScript's RegExp.source writes every '/' as '\/'; the two spell the same expression
            assertThat(m.regex().replace("\\/", "/")).as("regex of %s", g)
                    .isEqualTo(node.get("source").asText().replace("\\/", "/"));
            for (int j = 0; j < paths.size(); j++) {
                assertThat(m.matches(paths.get(j))).as("%s against %s", g, paths.get(j))
                        .isEqualTo(node.get("matches").get(j).asBoolean());
                pairs++;
            }
        }
        System.out.println("differential: " + pairs + " pattern/path pairs, " + errors + " rejected globs");
        assertThat(pairs).isGreaterThanOrEqualTo(500);
        assertThat(errors).as("some generated globs must be invalid, to compare errors").isGreaterThan(10);
    }

    @Test
    void returnPathsAgreeWithTheWhatwgUrlParser() throws Exception {
        List<String> inputs = new ArrayList<>(List.of("/dashboard", "/custom-path?foo=bar&baz=qux", "https://example.com/invite/k0123456789",
                "javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>", "https://evil.com/phishing",
                "//evil.com/phishing", "/\\evil.com/phishing", "https:/evil.com", "https:evil.com", "http:/evil.com",
                "http:evil.com", "/a/../b?x=1#h", "", "?only=query", "#only-hash", "relative/path", "../../etc/passwd",
                "/%2e%2e/x", "/a b?c d", "  /trim  ", "/tab\there", "/new\nline", "\\\\evil.com\\x", "/caf\u00e9?q=\u00e9",
                "/x?", "mailto:a@b.c", "HTTPS://EVIL.COM/UP", "/a/./b/../c/", "ftp://evil.com/f", "/{x}`y`", "/q?'a'\"b\"<c>"));
        Random rnd = new Random(42);
        String alphabet = "/\\:.?#%2eab@ \t<>\"'`{}";
        while (inputs.size() < 150) {
            StringBuilder b = new StringBuilder();
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            inputs.add(b.toString());
        }
        ObjectNode req = JSON.createObjectNode();
        ArrayNode arr = req.putArray("returnPaths");
        inputs.forEach(arr::add);
        JsonNode answers = JSON.readTree(NodeInterop.get().run("paths.mjs", req.toString())).get("returnPaths");
        for (int i = 0; i < inputs.size(); i++) {
            String expected = answers.get(i).asText();
            assertThat(UrlPaths.returnPathAndQuery(inputs.get(i))).as("return path %s", inputs.get(i)).isEqualTo(expected);
            assertThat(expected).startsWith("/");
        }
    }
}
