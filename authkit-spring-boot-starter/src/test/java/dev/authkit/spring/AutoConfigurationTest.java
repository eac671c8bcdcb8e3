package dev.authkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitConfigException;
import dev.authkit.servlet.AuthKitFilter;
import dev.authkit.spring.internal.AuthKitConfigFailureAnalyzer;
import dev.authkit.spring.security.AuthKitSecurityAutoConfiguration;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;

/** The auto-configuration alone, without a server: properties, variables, failures, the user's own bean, the bridge's condition. */
class AutoConfigurationTest {
    static final String PASSWORD = "auto-configuration-test-password-0123456789";

    final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AuthKitAutoConfiguration.class, AuthKitSecurityAutoConfiguration.class));

    @Test
    void propertiesConfigureAuthKit() {
        runner.withPropertyValues("authkit.client-id=client_props", "authkit.api-key=sk_props",
                        "authkit.cookie-password=" + PASSWORD, "authkit.redirect-uri=https://app.example.com/app/callback",
                        "authkit.cookie-name=my-session", "authkit.api-hostname=workos.internal", "authkit.api-port=8443",
                        "authkit.middleware-auth=true", "authkit.unauthenticated-paths=/,/about")
                .run(context -> {
                    AuthKitConfig config = context.getBean(AuthKit.class).config();
                    assertThat(config.clientId()).isEqualTo("client_props");
                    assertThat(config.cookieName()).isEqualTo("my-session");
                    assertThat(config.redirectUri().toString()).isEqualTo("https://app.example.com/app/callback");
                    assertThat(config.apiBaseUrl().toString()).isEqualTo("https://workos.internal:8443");
                });
    }

    @Test
    void workosVariablesWorkUnchangedAndPropertiesWin() {
        runner.withPropertyValues("WORKOS_CLIENT_ID=client_env", "WORKOS_API_KEY=sk_env", "WORKOS_COOKIE_PASSWORD=" + PASSWORD,
                        "WORKOS_REDIRECT_URI=http://localhost:8080/callback", "authkit.cookie-name=from-property")
                .run(context -> {
                    AuthKitConfig config = context.getBean(AuthKit.class).config();
                    assertThat(config.clientId()).isEqualTo("client_env");
                    assertThat(config.cookieName()).isEqualTo("from-property");
                });
    }

    @Test
    void aMissingSettingFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("authkit.client-id=client_x", "authkit.api-key=sk_x",
                        "authkit.redirect-uri=http://localhost:8080/callback")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = context.getStartupFailure();
                    while (!(cause instanceof AuthKitConfigException) && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).isInstanceOf(AuthKitConfigException.class)
                            .hasMessageContaining("authkit.cookie-password (WORKOS_COOKIE_PASSWORD) is not set");
                    FailureAnalysis analysis = new AuthKitConfigFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("authkit.cookie-password");
                });
        runner.withPropertyValues("authkit.client-id=client_x", "authkit.api-key=sk_x", "authkit.cookie-password=" + PASSWORD,
                        "authkit.redirect-uri=http://localhost:8080/callback", "authkit.unauthenticated-paths=/(unclosed")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("unauthenticatedPaths"));
    }

    @Test
    void aRedisUriNeedsAuthkitRedisAndSaysSo() {
        runner.withPropertyValues("authkit.client-id=client_x", "authkit.api-key=sk_x", "authkit.cookie-password=" + PASSWORD,
                        "authkit.redirect-uri=http://localhost:8080/callback", "authkit.redis-uri=redis://localhost:6379")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("authkit.redis-uri (AUTHKIT_REDIS_URI)")
                        .hasMessageContaining("dev.authkit:authkit-redis"));
    }

    @Test
    void aSessionStoreUriNeedsAuthkitRedisAndSaysSo() {
        runner.withPropertyValues("authkit.client-id=client_x", "authkit.api-key=sk_x", "authkit.cookie-password=" + PASSWORD,
                        "authkit.redirect-uri=http://localhost:8080/callback",
                        "authkit.session-store-uri=redis://localhost:6379")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("authkit.session-store-uri (AUTHKIT_SESSION_STORE_URI)")
                        .hasMessageContaining("dev.authkit:authkit-redis"));
    }

    @Test
    void aRevocationListUriNeedsAuthkitRedisAndSaysSo() {
        runner.withPropertyValues("authkit.client-id=client_x", "authkit.api-key=sk_x", "authkit.cookie-password=" + PASSWORD,
                        "authkit.redirect-uri=http://localhost:8080/callback",
                        "authkit.revocation-list-uri=redis://:s3cret@localhost:6379")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("authkit.revocation-list-uri (AUTHKIT_REVOCATION_LIST_URI)")
                        .hasMessageContaining("dev.authkit:authkit-redis").hasMessageNotContaining("s3cret"));
    }

    @Test
    void theApplicationsOwnAuthKitWins() {
        runner.withUserConfiguration(OwnAuthKit.class).run(context -> {
            assertThat(context).hasSingleBean(AuthKit.class);
            assertThat(context.getBean(AuthKit.class).config().clientId()).isEqualTo("client_own");
        });
    }

    @Test
    void theFilterRunsOnEveryDispatchBeforeSpringSecurity() {
        runner.withUserConfiguration(OwnAuthKit.class).run(context -> {
            @SuppressWarnings("unchecked")
            FilterRegistrationBean<AuthKitFilter> registration = context.getBean("authKitFilter", FilterRegistrationBean.class);
            assertThat(registration.determineDispatcherTypes()).isEqualTo(EnumSet.allOf(DispatcherType.class));
            assertThat(registration.getOrder()).isEqualTo(-110).isLessThan(-100);
            assertThat(registration.getUrlPatterns()).containsExactly("/*");
        });
    }

    @Test
    void theSecurityBridgeOnlyWithSpringSecurity() {
        runner.withUserConfiguration(OwnAuthKit.class).run(context -> assertThat(context).hasSingleBean(Customizer.class));
        runner.withUserConfiguration(OwnAuthKit.class)
                .withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(AuthKit.class).doesNotHaveBean("authKitHttpSecurityCustomizer");
                    assertThat(context).hasBean("authKitFilter");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnAuthKit {
        @Bean
        AuthKit myAuthKit() {
            return AuthKit.builder(AuthKitConfig.builder().clientId("client_own").apiKey("sk_own").cookiePassword(PASSWORD)
                    .redirectUri("http://localhost:8080/callback").build()).build();
        }
    }
}
