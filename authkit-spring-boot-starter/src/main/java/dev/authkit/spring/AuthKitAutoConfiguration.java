package dev.authkit.spring;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.core.RevocationList;
import dev.authkit.core.SessionStore;
import dev.authkit.servlet.FilterSettings;
import dev.authkit.servlet.AuthKitFilter;
import dev.authkit.spring.internal.AuthKitFactory;
import dev.authkit.spring.internal.AuthKitSecretsSanitizer;
import dev.authkit.spring.internal.AuthKitWebMvcConfigurer;
import dev.authkit.spring.internal.WebStackCheck;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What the starter sets up:
 * <ul>
 * <li>an {@link AuthKit} bean from the {@code authkit.*} properties and {@code WORKOS_*} variables
 *     (see {@link AuthKitProperties}), adjusted by {@link AuthKitBuilderCustomizer} beans, unless the
 *     application defines its own {@code AuthKit} bean; with {@code authkit.redis-uri}, refreshes
 *     coordinated across instances through Redis ({@code authkit-redis});</li>
 * <li>in a servlet web application, {@link AuthKitFilter} on {@code /*} for every dispatch type
 *     (it decides on the request dispatch and only exposes the user on error and async dispatches),
 *     ordered before Spring Security ({@code authkit.filter-order});</li>
 * <li>with Spring MVC, {@link dev.authkit.core.Auth} as a controller method parameter and
 *     {@link RequiresSignIn} on handlers.</li>
 * <li>with Actuator, authkit's secrets masked in {@code /env} and {@code /configprops};</li>
 * <li>in a reactive (WebFlux) application, the reactive pieces of {@link AuthKitWebFluxAutoConfiguration}
 *     with {@code authkit-webflux} on the class path, and without it a warning at start-up.</li>
 * </ul>
 * A bad or missing setting fails start-up with a message naming the property.
 */
@AutoConfiguration
@EnableConfigurationProperties(AuthKitProperties.class)
public class AuthKitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public AuthKit authKit(AuthKitProperties properties, Environment environment,
                           ObjectProvider<RefreshCoordination> coordination, ObjectProvider<SessionStore> sessionStore,
                           ObjectProvider<RevocationList> revocationList,
                           ObjectProvider<AuthKitBuilderCustomizer> customizers) {
        List<AuthKitBuilderCustomizer> all = new ArrayList<>();
        coordination.ifAvailable(c -> all.add(b -> b.refreshCoordination(c)));
        sessionStore.ifAvailable(s -> all.add(b -> b.sessionStore(s)));
        revocationList.ifAvailable(r -> all.add(b -> b.revocationList(r)));
        all.addAll(customizers.orderedStream().toList());
        return AuthKitFactory.create(properties, environment::getProperty, all);
    }

    /**
     * Refresh coordination across instances from {@code authkit.redis-uri} (or {@code AUTHKIT_REDIS_URI}),
     * with {@code authkit-redis} on the class path; closed with the context. An application's own
     * {@code RefreshCoordination} bean is used instead.
     */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(RedisUriSet.class)
    public RefreshCoordination authKitRefreshCoordination(AuthKitProperties properties, Environment environment) {
        String uri = properties.redisUri() != null && !properties.redisUri().isBlank() ? properties.redisUri()
                : environment.getProperty(FilterSettings.REDIS_URI);
        try {
            return RefreshCoordination.fromUri(uri.trim());
        } catch (AuthKitConfigException e) {
            throw new AuthKitConfigException("authkit.redis-uri (" + FilterSettings.REDIS_URI + "): " + e.getMessage());
        }
    }

    /**
     * Server-side sessions from {@code authkit.session-store-uri} (or {@code AUTHKIT_SESSION_STORE_URI}),
     * with {@code authkit-redis} on the class path; closed with the context. An application's own
     * {@code SessionStore} bean is used instead.
     */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(SessionStoreUriSet.class)
    public SessionStore authKitSessionStore(AuthKitProperties properties, Environment environment) {
        String uri = properties.sessionStoreUri() != null && !properties.sessionStoreUri().isBlank()
                ? properties.sessionStoreUri() : environment.getProperty(FilterSettings.SESSION_STORE_URI);
        try {
            return SessionStore.fromUri(uri.trim());
        } catch (AuthKitConfigException e) {
            throw new AuthKitConfigException("authkit.session-store-uri (" + FilterSettings.SESSION_STORE_URI + "): "
                    + e.getMessage());
        }
    }

    /**
     * Revocations shared between instances from {@code authkit.revocation-list-uri} (or
     * {@code AUTHKIT_REVOCATION_LIST_URI}), with {@code authkit-redis} on the class path; closed with
     * the context. An application's own {@code RevocationList} bean is used instead.
     */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(RevocationListUriSet.class)
    public RevocationList authKitRevocationList(AuthKitProperties properties, Environment environment) {
        String uri = properties.revocationListUri() != null && !properties.revocationListUri().isBlank()
                ? properties.revocationListUri() : environment.getProperty(FilterSettings.REVOCATION_LIST_URI, "");
        try {
            return RevocationList.fromUri(uri.trim());
        } catch (AuthKitConfigException e) {
            throw new AuthKitConfigException("authkit.revocation-list-uri (" + FilterSettings.REVOCATION_LIST_URI + "): "
                    + e.getMessage());
        }
    }

    /** {@code authkit.revocation-list-uri} or {@code AUTHKIT_REVOCATION_LIST_URI} is set. */
    static final class RevocationListUriSet extends AnyNestedCondition {
        RevocationListUriSet() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("authkit.revocation-list-uri")
        static final class Property {
        }

        @ConditionalOnProperty(FilterSettings.REVOCATION_LIST_URI)
        static final class Variable {
        }
    }

    /** {@code authkit.session-store-uri} or {@code AUTHKIT_SESSION_STORE_URI} is set. */
    static final class SessionStoreUriSet extends AnyNestedCondition {
        SessionStoreUriSet() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("authkit.session-store-uri")
        static final class Property {
        }

        @ConditionalOnProperty(FilterSettings.SESSION_STORE_URI)
        static final class Variable {
        }
    }

    /** {@code authkit.redis-uri} or {@code AUTHKIT_REDIS_URI} is set. */
    static final class RedisUriSet extends AnyNestedCondition {
        RedisUriSet() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("authkit.redis-uri")
        static final class Property {
        }

        @ConditionalOnProperty(FilterSettings.REDIS_URI)
        static final class Variable {
        }
    }

    /** Warns at start-up when the application is one the starter cannot act in (WebFlux without authkit-webflux). */
    @Bean
    static WebStackCheck authKitWebStackCheck(ApplicationContext context) {
        return new WebStackCheck(context);
    }

    /** Masks authkit's secrets in Actuator's {@code /env} and {@code /configprops}, with Actuator on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class ActuatorConfiguration {
        @Bean
        AuthKitSecretsSanitizer authKitSecretsSanitizer() {
            return new AuthKitSecretsSanitizer();
        }
    }

    /** The filter, in a servlet web application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({FilterRegistrationBean.class, DispatcherType.class})
    static class FilterConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "authKitFilter")
        FilterRegistrationBean<AuthKitFilter> authKitFilter(AuthKit authKit, AuthKitProperties properties) {
            FilterRegistrationBean<AuthKitFilter> registration =
                    new FilterRegistrationBean<>(new AuthKitFilter(authKit, properties.trustForwardedHeaders()));
            registration.setName("authKitFilter");
            registration.addUrlPatterns("/*");
            registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
            registration.setOrder(properties.filterOrder());
            registration.setAsyncSupported(true);
            return registration;
        }
    }

    /** {@code Auth} parameters and {@link RequiresSignIn}, with Spring MVC. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(WebMvcConfigurer.class)
    static class MvcConfiguration {
        @Bean
        AuthKitWebMvcConfigurer authKitWebMvcConfigurer() {
            return new AuthKitWebMvcConfigurer();
        }
    }
}
