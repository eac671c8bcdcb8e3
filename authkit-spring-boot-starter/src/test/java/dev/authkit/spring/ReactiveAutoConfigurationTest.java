package dev.authkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.spring.internal.AuthKitHandlerAdapter;
import dev.authkit.spring.internal.AuthKitWebFluxConfigurer;
import dev.authkit.spring.internal.AuthKitWebMvcConfigurer;
import dev.authkit.spring.internal.WebStackCheck;
import dev.authkit.spring.security.AuthKitReactiveSecurityAutoConfiguration;
import dev.authkit.spring.security.AuthKitSecurityAutoConfiguration;
import dev.authkit.webflux.AuthKitWebFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.web.server.WebFilter;

/** Which stack the starter configures: the reactive pieces in a WebFlux application only, the servlet ones never there. */
@ExtendWith(OutputCaptureExtension.class)
class ReactiveAutoConfigurationTest {
    static final AutoConfigurations ALL = AutoConfigurations.of(AuthKitAutoConfiguration.class,
            AuthKitSecurityAutoConfiguration.class, AuthKitWebFluxAutoConfiguration.class,
            AuthKitReactiveSecurityAutoConfiguration.class);

    final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
            .withConfiguration(ALL).withPropertyValues(StartupAndSecretsTest.SETTINGS);

    @Test
    void aReactiveApplicationGetsTheWebFilterAndNoServletPiece(CapturedOutput output) {
        reactive.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(AuthKit.class).hasSingleBean(AuthKitWebFilter.class)
                    .hasSingleBean(AuthKitWebFluxConfigurer.class).hasSingleBean(AuthKitHandlerAdapter.class)
                    .hasBean("authKitServerHttpSecurityCustomizer")
                    .doesNotHaveBean(FilterRegistrationBean.class).doesNotHaveBean(AuthKitWebMvcConfigurer.class)
                    .doesNotHaveBean("authKitHttpSecurityCustomizer");
            AuthKitWebFilter filter = context.getBean(AuthKitWebFilter.class);
            assertThat(filter.authKit()).isSameAs(context.getBean(AuthKit.class));
            assertThat(((Ordered) filter).getOrder()).isEqualTo(AuthKitProperties.DEFAULT_FILTER_ORDER).isLessThan(-100);
        });
        assertThat(output).doesNotContain(WebStackCheck.REACTIVE_WARNING);
    }

    @Test
    void theOrderAndForwardedHeadersComeFromTheSameProperties() {
        reactive.withPropertyValues("authkit.filter-order=-200", "authkit.trust-forwarded-headers=true").run(context -> {
            AuthKitWebFilter filter = context.getBean(AuthKitWebFilter.class);
            assertThat(((Ordered) filter).getOrder()).isEqualTo(-200);
            assertThat(filter.trustsForwardedHeaders()).isTrue();
        });
    }

    @Test
    void aReactiveApplicationWithoutTheServletApiStarts() {
        reactive.withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AuthKitWebFilter.class)
                        .hasSingleBean(AuthKitHandlerAdapter.class));
    }

    @Test
    void theApplicationsOwnWebFilterWins() {
        reactive.withUserConfiguration(OwnFilter.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(WebFilter.class)).containsOnlyKeys("authKitWebFilter");
            assertThat(context.getBean("authKitWebFilter")).isNotInstanceOf(Ordered.class);
        });
    }

    @Test
    void theSecurityBridgeOnlyWithSpringSecurity() {
        reactive.run(context -> assertThat(context).hasSingleBean(ReactiveAuthenticationManager.class));
        reactive.withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AuthKitWebFilter.class)
                        .doesNotHaveBean("authKitServerHttpSecurityCustomizer"));
    }

    @Test
    void withoutAuthkitWebfluxTheStarterSaysItCannotAct(CapturedOutput output) {
        reactive.withClassLoader(new FilteredClassLoader("dev.authkit.webflux"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("authKitWebFilter")
                        .doesNotHaveBean("authKitFilter"));
        assertThat(output).contains(WebStackCheck.REACTIVE_WARNING);
    }

    @Test
    void aServletApplicationGetsNoReactivePiece() {
        new WebApplicationContextRunner().withConfiguration(ALL).withPropertyValues(StartupAndSecretsTest.SETTINGS)
                .run(context -> assertThat(context).hasNotFailed().hasBean("authKitFilter")
                        .doesNotHaveBean(AuthKitWebFilter.class).doesNotHaveBean(AuthKitHandlerAdapter.class)
                        .doesNotHaveBean("authKitServerHttpSecurityCustomizer"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFilter {
        @Bean
        WebFilter authKitWebFilter(AuthKit authKit) {
            return new AuthKitWebFilter(authKit);
        }
    }
}
