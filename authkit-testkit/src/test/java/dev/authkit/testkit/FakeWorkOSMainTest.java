package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.core.AuthKitConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    void rejectsUnknownOptions() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FakeWorkOSMain.start(new String[] {"--bogus"}, out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeWorkOSMain.start(new String[] {"--port", "x"}, out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeWorkOSMain.start(new String[] {"--port"}, out)).isInstanceOf(IllegalArgumentException.class);
    }
}
