package dev.authkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthKitConfigTest {
    static final String API_KEY = "sk_test_secret_value_123";
    static final String PASSWORD = "cookie-password-that-is-long-enough-0123";

    static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("WORKOS_CLIENT_ID", "client_123");
        m.put("WORKOS_API_KEY", API_KEY);
        m.put("WORKOS_COOKIE_PASSWORD", PASSWORD);
        m.put("WORKOS_REDIRECT_URI", "http://localhost:8080/callback");
        return m;
    }

    static Map<String, String> with(String key, String value) {
        Map<String, String> m = minimal();
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return m;
    }

    @Test
    void defaultsMatchAuthkitNextjs() {
        AuthKitConfig c = AuthKitConfig.fromMap(minimal());
        assertThat(c.clientId()).isEqualTo("client_123");
        assertThat(c.apiKey()).isEqualTo(API_KEY);
        assertThat(c.cookiePassword()).isEqualTo(PASSWORD);
        assertThat(c.redirectUri()).isEqualTo(URI.create("http://localhost:8080/callback"));
        assertThat(c.cookieMaxAge()).isEqualTo(Duration.ofSeconds(34_560_000));
        assertThat(c.cookieDomain()).isEmpty();
        assertThat(c.cookieName()).isEqualTo("wos-session");
        assertThat(c.cookieSameSite()).isEqualTo(SameSite.LAX);
        assertThat(c.cookieSecureForced()).isFalse();
        assertThat(c.apiHostname()).isEqualTo("api.workos.com");
        assertThat(c.apiHttps()).isTrue();
        assertThat(c.apiPort()).isEmpty();
        assertThat(c.apiBaseUrl()).isEqualTo(URI.create("https://api.workos.com"));
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> m = minimal();
        m.put("WORKOS_COOKIE_MAX_AGE", "3600");
        m.put("WORKOS_COOKIE_DOMAIN", "example.com");
        m.put("WORKOS_COOKIE_NAME", "my-session");
        m.put("WORKOS_COOKIE_SAMESITE", "Strict");
        m.put("WORKOS_API_HOSTNAME", "127.0.0.1");
        m.put("WORKOS_API_HTTPS", "FALSE");
        m.put("WORKOS_API_PORT", "8081");
        AuthKitConfig c = AuthKitConfig.fromMap(m);
        assertThat(c.cookieMaxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(c.cookieDomain()).contains("example.com");
        assertThat(c.cookieName()).isEqualTo("my-session");
        assertThat(c.cookieSameSite()).isEqualTo(SameSite.STRICT);
        assertThat(c.apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(c.apiPort()).hasValue(8081);
    }

    @Test
    void emptyValuesCountAsUnset() {
        Map<String, String> m = minimal();
        m.put("WORKOS_COOKIE_NAME", "");
        m.put("WORKOS_COOKIE_DOMAIN", "");
        m.put("WORKOS_API_PORT", "");
        m.put("WORKOS_COOKIE_SAMESITE", "");
        AuthKitConfig c = AuthKitConfig.fromMap(m);
        assertThat(c.cookieName()).isEqualTo("wos-session");
        assertThat(c.cookieDomain()).isEmpty();
        assertThat(c.apiPort()).isEmpty();
        assertThat(c.cookieSameSite()).isEqualTo(SameSite.LAX);
    }

    @Test
    void acceptsTheNextPublicRedirectUriAndPrefersTheWorkosOne() {
        Map<String, String> m = with("WORKOS_REDIRECT_URI", null);
        m.put("NEXT_PUBLIC_WORKOS_REDIRECT_URI", "https://app.example.com/cb");
        assertThat(AuthKitConfig.fromMap(m).redirectUri()).isEqualTo(URI.create("https://app.example.com/cb"));
        m.put("WORKOS_REDIRECT_URI", "https://app.example.com/callback");
        assertThat(AuthKitConfig.fromMap(m).redirectUri()).isEqualTo(URI.create("https://app.example.com/callback"));
    }

    @ParameterizedTest
    @CsvSource({"lax,LAX", "LAX,LAX", "Strict,STRICT", "none,NONE", "NONE,NONE", "nOnE,NONE"})
    void sameSiteInAnyCase(String value, SameSite expected) {
        AuthKitConfig c = AuthKitConfig.fromMap(with("WORKOS_COOKIE_SAMESITE", value));
        assertThat(c.cookieSameSite()).isEqualTo(expected);
        assertThat(c.cookieSecureForced()).isEqualTo(expected == SameSite.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "WORKOS_CLIENT_ID|",
        "WORKOS_API_KEY|",
        "WORKOS_COOKIE_PASSWORD|",
        "WORKOS_REDIRECT_URI|",
        "WORKOS_COOKIE_PASSWORD|short-password",
        "WORKOS_COOKIE_SAMESITE|relaxed",
        "WORKOS_COOKIE_MAX_AGE|forever",
        "WORKOS_COOKIE_MAX_AGE|-5",
        "WORKOS_COOKIE_MAX_AGE|0",
        "WORKOS_COOKIE_MAX_AGE|1.5",
        "WORKOS_API_PORT|0",
        "WORKOS_API_PORT|65536",
        "WORKOS_API_PORT|http",
        "WORKOS_API_HTTPS|yes",
        "WORKOS_API_HOSTNAME|https://api.workos.com",
        "WORKOS_API_HOSTNAME|api.workos.com/v1",
        "WORKOS_API_HOSTNAME|api.workos.com:443",
        "WORKOS_REDIRECT_URI|/callback",
        "WORKOS_REDIRECT_URI|ftp://example.com/cb",
        "WORKOS_REDIRECT_URI|http://exa mple.com/cb",
        "WORKOS_COOKIE_NAME|bad name",
        "WORKOS_COOKIE_NAME|a;b",
        "WORKOS_COOKIE_DOMAIN|https://example.com",
        "WORKOS_COOKIE_DOMAIN|example.com; Secure",
    })
    void invalidSettingsFailWithAMessageNamingTheVariable(String name, String value) {
        assertThatThrownBy(() -> AuthKitConfig.fromMap(with(name, value)))
                .isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining(name)
                .hasMessageNotContaining(API_KEY)
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aShortPasswordIsNeverEchoed() {
        String shortPassword = "my-secret-but-short";
        assertThatThrownBy(() -> AuthKitConfig.fromMap(with("WORKOS_COOKIE_PASSWORD", shortPassword)))
                .hasMessageContaining("32 characters").hasMessageNotContaining(shortPassword);
    }

    @Test
    void toStringHidesSecrets() {
        String s = AuthKitConfig.fromMap(minimal()).toString();
        assertThat(s).contains("client_123", "https://api.workos.com", "wos-session")
                .doesNotContain(API_KEY).doesNotContain(PASSWORD);
    }

    @Test
    void builderAcceptsAFakeServerBaseUrl() {
        AuthKitConfig c = AuthKitConfig.builder().clientId("client_1").apiKey(API_KEY).cookiePassword(PASSWORD)
                .redirectUri(URI.create("http://localhost:8080/callback"))
                .apiBaseUrl("http://127.0.0.1:41234").build();
        assertThat(c.apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:41234"));
        assertThat(c.apiHttps()).isFalse();
        assertThat(c.toBuilder().apiBaseUrl("https://api.workos.com").build().apiBaseUrl())
                .isEqualTo(URI.create("https://api.workos.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:41234", "http://127.0.0.1:41234/v1", "file:///etc", "http://h?q=1"})
    void builderRejectsBaseUrlsWithPathsOrNoScheme(String url) {
        assertThatThrownBy(() -> AuthKitConfig.builder().apiBaseUrl(url)).isInstanceOf(AuthKitConfigException.class);
    }

    @Test
    void builderValidatesLikeTheEnvironment() {
        assertThatThrownBy(() -> AuthKitConfig.builder().build())
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("WORKOS_CLIENT_ID");
        assertThatThrownBy(() -> AuthKitConfig.fromMap(minimal()).toBuilder().cookieMaxAge(Duration.ofMillis(1500)).build())
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("WORKOS_COOKIE_MAX_AGE");
        assertThatThrownBy(() -> AuthKitConfig.fromMap(minimal()).toBuilder().apiPort(70_000).build())
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("WORKOS_API_PORT");
    }

    @Test
    void ipv6HostnamesAreAccepted() {
        AuthKitConfig c = AuthKitConfig.fromMap(with("WORKOS_API_HOSTNAME", "[::1]"));
        assertThat(c.apiBaseUrl()).isEqualTo(URI.create("https://[::1]"));
    }

    @Test
    void fromEnvironmentReadsTheProcessEnvironment() {
        // the build does not set WORKOS_* variables; whatever it sees must match fromMap on the same map
        Map<String, String> env = System.getenv();
        if (env.containsKey("WORKOS_CLIENT_ID")) {
            assertThat(AuthKitConfig.fromEnvironment().toString()).isEqualTo(AuthKitConfig.fromMap(env).toString());
        } else {
            assertThatThrownBy(AuthKitConfig::fromEnvironment).isInstanceOf(AuthKitConfigException.class)
                    .hasMessageContaining("WORKOS_CLIENT_ID");
        }
    }
}
