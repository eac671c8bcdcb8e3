package dev.authkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.PathPolicy.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPolicyTest {
    final PathPolicy strict = PathPolicy.strict();

    @ParameterizedTest
    @ValueSource(strings = {"/", "/admin", "/admin/", "/a/b/c", "/caf%C3%A9", "/a%20b", "/file.js", "/.well-known/x",
        "/a..b", "/...", "/a.", "/%E2%82%AC", "/%F0%9F%98%80", "/x-y_z~!$&'()*+,=:@", "/a/b.c/"})
    void acceptsWhatBrowsersSend(String path) {
        assertThat(strict.check(path)).as(path).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/admin%2fx|ENCODED_SLASH",
        "/admin%2F..%2Fpublic|ENCODED_SLASH",
        "/admin\\x|BACKSLASH",
        "/admin%5cx|BACKSLASH",
        "/admin%5C..%5Cpublic|BACKSLASH",
        "/a%2ejs|ENCODED_PERCENT_OR_PERIOD",
        "/admin/..|DOT_SEGMENT",
        "/admin/../public|DOT_SEGMENT",
        "/./admin|DOT_SEGMENT",
        "/admin/.|DOT_SEGMENT",
        "/admin/%2e%2e/public|ENCODED_PERCENT_OR_PERIOD",
        "/admin//x|EMPTY_SEGMENT",
        "//admin|EMPTY_SEGMENT",
        "/admin;jsessionid=1|SEMICOLON",
        "/admin/..;/public|DOT_SEGMENT",
        "/admin%3bx|SEMICOLON",
        "/admin%252e%252e|ENCODED_PERCENT",
        "/admin%00|UNPRINTABLE",
        "/admin%0a|UNPRINTABLE",
        "/admin%7F|UNPRINTABLE",
        "/admin%C2%85|UNPRINTABLE",
        "/admin%E2%80%A8|UNPRINTABLE",
        "/admin%|INVALID_ENCODING",
        "/admin%4|INVALID_ENCODING",
        "/admin%zz|INVALID_ENCODING",
        "/admin%FF|INVALID_ENCODING",
        "/admin%C3|INVALID_ENCODING",
        "/admin%C0%AF|INVALID_ENCODING",
        "/admin%ED%A0%80|INVALID_ENCODING",
        "/admin%C3%28|INVALID_ENCODING",
    })
    void refusesAmbiguousPaths(String path, String rule) {
        var v = strict.check(path);
        assertThat(v).as(path).isPresent();
        if (rule.equals("ENCODED_PERCENT_OR_PERIOD")) {
            assertThat(v.get().rule()).isIn(Rule.ENCODED_PERIOD, Rule.DOT_SEGMENT);
        } else if (!rule.equals("DOT_SEGMENT")) {
            assertThat(v.get().rule()).as(path).isEqualTo(Rule.valueOf(rule));
        }
        assertThat(v.get().message()).doesNotContain(path).contains("refused");
    }

    @Test
    void rawControlAndNonAsciiCharactersAreRefused() {
        for (String p : new String[] {"/a\u0000b", "/a\tb", "/a\nb", "/a b", "/caf\u00e9", "/a\u007fb", "/a\u2028"}) {
            assertThat(strict.check(p).map(PathPolicy.Violation::rule)).as(p).contains(Rule.UNPRINTABLE);
        }
    }

    @Test
    void relaxingOneRuleKeepsTheOthers() {
        PathPolicy semicolons = PathPolicy.builder().allow(Rule.SEMICOLON).build();
        assertThat(semicolons.check("/admin;jsessionid=1")).isEmpty();
        assertThat(semicolons.check("/a;b/c;d=e")).isEmpty();
        // a parameter does not hide a dot segment from the others
        assertThat(semicolons.check("/admin/..;/public").map(PathPolicy.Violation::rule)).contains(Rule.DOT_SEGMENT);
        assertThat(semicolons.check("/admin;x/%2e%2e/public")).isPresent();
        assertThat(semicolons.allowed()).containsExactly(Rule.SEMICOLON);

        PathPolicy periods = PathPolicy.builder().allow(Rule.ENCODED_PERIOD).build();
        assertThat(periods.check("/file%2Ejs")).isEmpty();
        assertThat(periods.check("/admin/%2e%2e/public").map(PathPolicy.Violation::rule)).contains(Rule.DOT_SEGMENT);
        assertThat(periods.check("/admin/.%2e").map(PathPolicy.Violation::rule)).contains(Rule.DOT_SEGMENT);

        PathPolicy slashes = PathPolicy.builder().allow(Rule.ENCODED_SLASH).build();
        assertThat(slashes.check("/files/a%2Fb")).isEmpty();
        assertThat(slashes.check("/public/x/..%2f..%2fadmin").map(PathPolicy.Violation::rule)).contains(Rule.DOT_SEGMENT);

        assertThat(slashes.toBuilder().refuse(Rule.ENCODED_SLASH).build()).isSameAs(PathPolicy.strict());
    }
}
