package dev.authkit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.core.AuthKitConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code AUTHKIT_REDIS_URI} reaches the JAX-RS adapter as it reaches the servlet filter. */
class AuthKitFeatureSettingsTest {
    private static Map<String, String> vars() {
        Map<String, String> m = new HashMap<>();
        m.put("WORKOS_CLIENT_ID", "client_123");
        m.put("WORKOS_API_KEY", "sk_test_123");
        m.put("WORKOS_COOKIE_PASSWORD", "jaxrs-settings-cookie-password-0123456789");
        m.put("WORKOS_REDIRECT_URI", "http://localhost:8080/callback");
        return m;
    }

    @Test
    void withoutARedisUriTheFeatureUsesTheInProcessCoordination() {
        assertThat(AuthKitFeature.coordination(vars())).isEmpty();
        assertThat(AuthKitFeature.from(vars())).isNotNull();
    }

    @Test
    void aRedisUriGoesThroughRefreshCoordinationFromUri() {
        Map<String, String> m = vars();
        m.put(AuthKitFeature.REDIS_URI, "redis://:s3cret@127.0.0.1:6379");
        // authkit-redis is not on this module's class path: the core's lookup says which module to add
        assertThatThrownBy(() -> AuthKitFeature.from(m)).isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("authkit-redis").hasMessageNotContaining("s3cret");
        m.put(AuthKitFeature.REDIS_URI, "memcached://127.0.0.1");
        assertThatThrownBy(() -> AuthKitFeature.coordination(m)).isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("memcached");
    }

    @Test
    void theSessionLimitsAndARevocationListUriAreReadFromTheEnvironment() {
        Map<String, String> m = vars();
        m.put("AUTHKIT_INACTIVITY_TIMEOUT", "30m");
        m.put("AUTHKIT_ABSOLUTE_TIMEOUT", "12h");
        assertThat(AuthKitFeature.from(m)).isNotNull();
        m.put("AUTHKIT_ABSOLUTE_TIMEOUT", "12");
        assertThatThrownBy(() -> AuthKitFeature.from(m)).isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("AUTHKIT_ABSOLUTE_TIMEOUT must be");
        m.remove("AUTHKIT_ABSOLUTE_TIMEOUT");
        m.put(AuthKitFeature.REVOCATION_LIST_URI, "redis://:s3cret@127.0.0.1:6379");
        assertThatThrownBy(() -> AuthKitFeature.from(m)).isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("revocation list").hasMessageContaining("authkit-redis").hasMessageNotContaining("s3cret");
    }
}
