package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.core.AuthKitConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeWorkOSMainTest {
    @Test
    void printsVariablesThatConfigureAuthKit() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (FakeWorkOS fake = FakeWorkOSMain.start(new String[] {"--port", "0", "--redirect-uri", "http://localhost:8080/callback"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
            String out = buffer.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("alice@example.com", "export WORKOS_API_PORT=" + fake.port());
            Map<String, String> env = new HashMap<>();
            out.lines().filter(l -> l.trim().startsWith("export ")).forEach(l -> {
                String kv = l.trim().substring("export ".length());
                env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            });
            AuthKitConfig config = AuthKitConfig.fromMap(env);
            assertThat(config.apiBaseUrl().toString()).isEqualTo(fake.baseUrl());
            assertThat(config.clientId()).isEqualTo(fake.clientId());
            assertThat(fake.user(DemoData.ALICE)).isPresent();
            assertThat(Browser.get(fake.baseUrl() + "/sso/jwks/" + fake.clientId()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void printsEveryRedirectUriForJavaAndNextjsAndHonoursLifetimeAndPassword() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        String password = "a-cookie-password-of-at-least-32-characters";
        try (FakeWorkOS fake = FakeWorkOSMain.start(new String[] {"--port", "0",
                "--redirect-uri", "http://localhost:8080/callback", "--redirect-uri", "http://localhost:3000/callback",
                "--token-lifetime", "20s", "--cookie-password", password},
                new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
            String out = buffer.toString(StandardCharsets.UTF_8);
            assertThat(fake.accessTokenLifetime()).isEqualTo(Duration.ofSeconds(20));
            assertThat(out).contains("export WORKOS_COOKIE_PASSWORD=" + password,
                    "export WORKOS_REDIRECT_URI=http://localhost:8080/callback",
                    "export NEXT_PUBLIC_WORKOS_REDIRECT_URI=http://localhost:8080/callback",
                    "export WORKOS_REDIRECT_URI=http://localhost:3000/callback",
                    "export NEXT_PUBLIC_WORKOS_REDIRECT_URI=http://localhost:3000/callback");
        }
    }

    @Test
    void theDefaultCookiePasswordIsTheSameOnEveryStart() {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (FakeWorkOS a = FakeWorkOSMain.start(new String[] {"--port", "0"}, new PrintStream(first, true, StandardCharsets.UTF_8));
             FakeWorkOS b = FakeWorkOSMain.start(new String[] {"--port", "0"}, new PrintStream(second, true, StandardCharsets.UTF_8))) {
            assertThat(passwordIn(first)).isEqualTo(passwordIn(second)).hasSizeGreaterThanOrEqualTo(32);
            assertThat(a.accessTokenLifetime()).isEqualTo(b.accessTokenLifetime()).isEqualTo(FakeWorkOS.DEFAULT_ACCESS_TOKEN_LIFETIME);
        }
    }

    @Test
    void durationsInTheUsualForms() {
        assertThat(FakeWorkOSMain.parseDuration("--token-lifetime", "30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(FakeWorkOSMain.parseDuration("--token-lifetime", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(FakeWorkOSMain.parseDuration("--token-lifetime", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(FakeWorkOSMain.parseDuration("--token-lifetime", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(FakeWorkOSMain.parseDuration("--token-lifetime", "PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> FakeWorkOSMain.parseDuration("--token-lifetime", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> FakeWorkOSMain.parseDuration("--token-lifetime", "soon")).hasMessageContaining("30s");
    }

    private static String passwordIn(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).lines().map(String::trim)
                .filter(l -> l.startsWith("export WORKOS_COOKIE_PASSWORD="))
                .map(l -> l.substring("export WORKOS_COOKIE_PASSWORD=".length())).findFirst().orElseThrow();
    }

    @Test
    void rejectsUnknownOptions() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FakeWorkOSMain.start(new String[] {"--bogus"}, out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeWorkOSMain.start(new String[] {"--port", "x"}, out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeWorkOSMain.start(new String[] {"--port"}, out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeWorkOSMain.start(new String[] {"--cookie-password", "short"}, out))
                .hasMessageContaining("32");
    }

    @Test
    void theDefaultPortClashesWithNoCommonTestOrServerPort() {
        // 8081 is Quarkus's test port; the others are common application, proxy and debug defaults
        assertThat(FakeWorkOSMain.DEFAULT_PORT).isNotIn(80, 443, 3000, 4200, 5000, 5005, 5432, 6379, 8000, 8008, 8080, 8081,
                8082, 8083, 8088, 8443, 8787, 8888, 9000, 9090, 9092, 9200);
    }
}
