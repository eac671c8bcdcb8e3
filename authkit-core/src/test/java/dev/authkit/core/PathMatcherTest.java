package dev.authkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.core.internal.request.UrlPaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PathMatcherTest {
    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "/unauthenticated, /unauthenticated, true",
        "/unauthenticated, /unauthenticated/, true",
        "/unauthenticated, /Unauthenticated, false",
        "/unauthenticated, /unauthenticated/x, false",
        "/admin/:path*, /admin, true",
        "/admin/:path*, /admin/, true",
        "/admin/:path*, /admin/a/b, true",
        "/admin/:path*, /administrator, false",
        "/public/:path+, /public/a/b, true",
        "/public/:path+, /public, false",
        "/docs/:slug, /docs/a, true",
        "/docs/:slug, /docs, false",
        "/docs/:slug, /docs/a/b, false",
        "/api/(.*), /api/, true",
        "/api/(.*), /api/x, true",
        "/api/(.*), /api, false",
        "/, /, true",
        "/, /x, false",
        "/a/:id?, /a/1, true",
        "/a/:id?, /a, false",
    })
    void authkitNextjsExamples(String glob, String path, boolean expected) {
        assertThat(PathMatcher.compile(glob).matches(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/../admin/x", "/%61dmin/x", "/admin;a=b/x", "//admin/x", "/admin//x", "/./admin/x",
        "/x/../admin/x", "/%2e%2e/admin/x", "/admin/%2e/x", "\\admin\\x", "/admin%2Fx", "/ADMIN/../admin/x", "/admin/x;jsessionid=1"})
    void bypassAttemptsAreSeenAsTheAdminPath(String path) {
        PathMatcher admin = PathMatcher.compile("/admin/:path*");
        assertThat(admin.matches(path)).as(path + " canonical " + UrlPaths.canonicalPath(path)).isTrue();
    }

    @Test
    void upperCaseIsADifferentRoute() {
        assertThat(PathMatcher.compile("/admin/:path*").matches("/ADMIN/x")).isFalse();
        assertThat(UrlPaths.canonicalPath("/ADMIN/x")).isEqualTo("/ADMIN/x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/|/",
        "''|/",
        "/a/b/|/a/b/",
        "/a/./b|/a/b",
        "/a/../../b|/b",
        "/a/b/..|/a/",
        "/a%20b|/a%20b",
        "/a b|/a%20b",
        "/caf%C3%A9|/caf%C3%A9",
        "/café|/caf%C3%A9",
        "/100%25|/100%25",
        "/bad%zz|/bad%25zz",
        "/%FF|/%EF%BF%BD",
        "/a;b;c/d;e|/a/d",
        "///a///b///|/a/b/",
        "/a%3Bb|/a%3Bb",
        "/%3F/%23|/%3F/%23",
        "/public/x/..%2f..%2fadmin|/admin",
        "/a/b/c/..%2F..%2Fd|/a/d",
        "/a/b/..%5c..%5cc/|/c/",
        "/a/..%2f|/",
        "/a/b/.%2f..%2f|/a/",
    })
    void canonicalPaths(String raw, String canonical) {
        assertThat(UrlPaths.canonicalPath(raw)).isEqualTo(canonical);
        assertThat(UrlPaths.canonicalPath(canonical)).as("stable").isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[*", "/((?!_next/static).*)", "/:", "/(", "/a/(", "/:a:b", "/x/()", "/:p*:q"})
    void badPatternsFailAtCompileNamingThePattern(String glob) {
        assertThatThrownBy(() -> PathMatcher.compile(glob)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + glob + "'");
    }

    @Test
    void theLibrarysMessageIsKept() {
        assertThatThrownBy(() -> PathMatcher.compile("[*")).hasMessageEndingWith("Unexpected MODIFIER at 2, expected END");
        assertThatThrownBy(() -> PathMatcher.compile("/((?!_next/static).*)"))
                .hasMessageEndingWith("Capturing groups are not allowed at 2");
    }
}
