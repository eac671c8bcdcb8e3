package dev.authkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forwarded-header trust: the nearest proxy's value (the last) counts, never the client's (the first). */
class ForwardedHeadersTest {
    static String url(Map<String, String> headers, boolean trust) {
        return ForwardedHeaders.requestUrl("http", "10.0.0.5", 8080, "/p", "q=1", headers::get, trust);
    }

    @Test
    void theLastValueIsTheNearestProxysAndWins() {
        assertThat(url(Map.of("X-Forwarded-Host", "evil.example, app.example.com", "X-Forwarded-Proto", "http,https"), true))
                .isEqualTo("https://app.example.com/p?q=1");
        assertThat(url(Map.of("X-Forwarded-Host", "evil.example:444, app.example.com:8443"), true))
                .isEqualTo("http://app.example.com:8443/p?q=1");
        assertThat(url(Map.of("X-Forwarded-Port", "1, 9443", "X-Forwarded-Proto", "https"), true))
                .isEqualTo("https://10.0.0.5:9443/p?q=1");
    }

    @Test
    void untrustedEmptyOrHostileValuesAreIgnored() {
        assertThat(url(Map.of("X-Forwarded-Host", "app.example.com"), false)).isEqualTo("http://10.0.0.5:8080/p?q=1");
        assertThat(url(Map.of("X-Forwarded-Host", "app.example.com, "), true)).isEqualTo("http://10.0.0.5:8080/p?q=1");
        assertThat(url(Map.of("X-Forwarded-Host", "app.example.com, evil.example/x?", "X-Forwarded-Proto", "https, gopher"),
                true)).isEqualTo("http://10.0.0.5:8080/p?q=1");
    }
}
