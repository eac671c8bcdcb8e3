package dev.authkit.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfigException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MicroProfile Config names: {@code WORKOS_*} or {@code authkit.*}, options in kebab case, the Redis hook. */
class AuthKitSettingsTest {
    private static final String PASSWORD = "quarkus-settings-cookie-password-0123456789";

    private static AuthKitSettings.Result from(Map<String, String> config) {
        return AuthKitSettings.from(name -> Optional.ofNullable(config.get(name)));
    }

    @Test
    void namesMapToKebabCaseProperties() {
        assertThat(AuthKitSettings.propertyName("WORKOS_CLIENT_ID")).isEqualTo("authkit.client-id");
        assertThat(AuthKitSettings.propertyName("AUTHKIT_REDIS_URI")).isEqualTo("authkit.redis-uri");
        assertThat(AuthKitSettings.propertyName("middlewareAuth")).isEqualTo("authkit.middleware-auth");
        assertThat(AuthKitSettings.propertyName("routes.signIn")).isEqualTo("authkit.routes.sign-in");
    }

    @Test
    void authkitPropertiesAndWorkosVariablesBothConfigure() {
        Map<String, String> config = new HashMap<>();
        config.put("authkit.client-id", "client_kebab");
        config.put("WORKOS_API_KEY", "sk_test_1");
        config.put("authkit.cookie-password", PASSWORD);
        config.put("authkit.redirect-uri", "http://localhost:8080/callback");
        config.put("authkit.middleware-auth", "true");
        AuthKit authKit = from(config).builder().build();
        assertThat(authKit.config().clientId()).isEqualTo("client_kebab");
        config.put("WORKOS_CLIENT_ID", "client_exact");
        assertThat(from(config).builder().build().config().clientId()).isEqualTo("client_exact");
    }

    @Test
    void badValuesAreNamedByTheirPropertyAndRedisGoesThroughTheCoreLookup() {
        Map<String, String> config = new HashMap<>();
        config.put("WORKOS_CLIENT_ID", "client_1");
        config.put("WORKOS_API_KEY", "sk_test_1");
        config.put("WORKOS_COOKIE_PASSWORD", PASSWORD);
        config.put("WORKOS_REDIRECT_URI", "http://localhost:8080/callback");
        config.put("authkit.middleware-auth", "perhaps");
        assertThatThrownBy(() -> from(config)).isInstanceOf(AuthKitConfigException.class).hasMessageContaining("authkit.middleware-auth");
        config.remove("authkit.middleware-auth");
        config.put("authkit.redis-uri", "redis://:pw-secret@127.0.0.1:6379");
        assertThatThrownBy(() -> from(config)).isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("authkit-redis").hasMessageNotContaining("pw-secret");
    }

    @Test
    void theRevocationSettingsReachTheBuilder() {
        Map<String, String> config = new HashMap<>();
        config.put("WORKOS_CLIENT_ID", "client_1");
        config.put("WORKOS_API_KEY", "sk_test_1");
        config.put("WORKOS_COOKIE_PASSWORD", PASSWORD);
        config.put("WORKOS_REDIRECT_URI", "http://localhost:8080/callback");
        config.put("authkit.webhook-secret", "whsec_quarkus_settings");
        config.put("authkit.inactivity-timeout", "30m");
        config.put("authkit.absolute-timeout", "12h");
        AuthKit authKit = from(config).builder().build();
        assertThat(authKit.config().webhookSecret()).contains("whsec_quarkus_settings");
        assertThat(from(config).revocationList()).isEmpty();
        config.put("authkit.absolute-timeout", "0s");
        assertThatThrownBy(() -> from(config)).isInstanceOf(AuthKitConfigException.class).hasMessageContaining("authkit.absolute-timeout");
        config.remove("authkit.absolute-timeout");
        config.put("authkit.revocation-list-uri", "redis://:s3cret@127.0.0.1:6379");
        assertThatThrownBy(() -> from(config)).isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("authkit-redis").hasMessageNotContaining("s3cret");
    }
}
