package dev.authkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.spring.internal.AuthKitSecretsSanitizer;
import dev.authkit.spring.internal.WebStackCheck;
import dev.authkit.spring.security.AuthKitSecurityAutoConfiguration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What the starter says at start-up, and what it never says: its secrets. */
@ExtendWith(OutputCaptureExtension.class)
class StartupAndSecretsTest {
    static final String PASSWORD = "startup-and-secrets-test-password-0123456789";
    static final String[] SETTINGS = {"authkit.client-id=client_x", "authkit.api-key=sk_test_secret_api_key",
            "authkit.cookie-password=" + PASSWORD, "authkit.redirect-uri=http://localhost:8080/callback"};

    @Test
    void aReactiveApplicationWithoutAuthkitWebfluxIsToldTheStarterCannotAct(CapturedOutput output) {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AuthKitAutoConfiguration.class, AuthKitSecurityAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("dev.authkit.webflux"))
                .withPropertyValues(SETTINGS)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("authKitFilter"));
        assertThat(output).contains(WebStackCheck.REACTIVE_WARNING);
    }

    @Test
    void aServletApplicationHearsNoSuchWarning(CapturedOutput output) {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AuthKitAutoConfiguration.class, AuthKitSecurityAutoConfiguration.class))
                .withPropertyValues(SETTINGS)
                .run(context -> assertThat(context).hasNotFailed().hasBean("authKitFilter"));
        assertThat(output).doesNotContain(WebStackCheck.REACTIVE_WARNING);
    }

    @Test
    void thePropertiesNeverPrintTheirSecrets() {
        Map<String, String> values = new HashMap<>();
        for (String setting : SETTINGS) {
            values.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        values.put("authkit.redis-uri", "redis://:redis-secret@cache:6379");
        values.put("authkit.webhook-secret", "whsec_webhook_secret_value");
        values.put("authkit.revocation-list-uri", "redis://:revocation-secret@cache:6379");
        values.put("authkit.inactivity-timeout", "30m");
        AuthKitProperties properties = new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("authkit", AuthKitProperties.class);
        assertThat(properties.cookiePassword()).isEqualTo(PASSWORD);
        assertThat(properties.toString()).contains("client_x", "http://localhost:8080/callback")
                .doesNotContain(PASSWORD, "sk_test_secret_api_key", "redis-secret", "whsec_webhook_secret_value", "revocation-secret");
        assertThat(properties.inactivityTimeout()).isEqualTo(java.time.Duration.ofMinutes(30));
    }

    @Test
    void actuatorShowsAuthKitsSecretsMasked() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AuthKitAutoConfiguration.class))
                .withPropertyValues(SETTINGS)
                .run(context -> {
                    SanitizingFunction sanitizer = context.getBean(SanitizingFunction.class);
                    for (String key : new String[] {"authkit.apiKey", "authkit.cookie-password", "authkit.cookiePassword",
                            "WORKOS_API_KEY", "WORKOS_COOKIE_PASSWORD", "AUTHKIT_REDIS_URI", "authkit.redisUri",
                            "authkit.webhook-secret", "authkit.webhookSecret", "WORKOS_WEBHOOK_SECRET", "authkit.revocation-list-uri",
                            "AUTHKIT_REVOCATION_LIST_URI", "authkit.session-store-uri", "AUTHKIT_SESSION_STORE_URI"}) {
                        assertThat(sanitizer.apply(new SanitizableData(null, key, "secret-value")).getValue())
                                .as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
                    }
                    assertThat(sanitizer.apply(new SanitizableData(null, "authkit.clientId", "client_x")).getValue())
                            .isEqualTo("client_x");
                    assertThat(AuthKitSecretsSanitizer.isSecret("authkit.redirect-uri")).isFalse();
                });
    }
}
