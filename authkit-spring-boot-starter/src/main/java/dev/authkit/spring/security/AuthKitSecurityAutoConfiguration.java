package dev.authkit.spring.security;

import dev.authkit.servlet.AuthKitFilter;
import dev.authkit.spring.AuthKitAutoConfiguration;
import dev.authkit.spring.AuthKitProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * With Spring Security on the class path, every {@code SecurityFilterChain} built from Spring's
 * {@code HttpSecurity} (Spring Boot's default one and the application's own) learns the authkit
 * session: a signed-in request's {@code Authentication} is an {@link AuthKitAuthentication}
 * (principal the WorkOS user id, authorities its roles and permissions), so
 * {@code http.authorizeHttpRequests(..)}, {@code @PreAuthorize} (with {@code @EnableMethodSecurity})
 * and {@code @AuthenticationPrincipal} work; and a signed-out visitor Spring Security turns away is
 * sent to authkit's sign-in (page loads) or gets 401 JSON, never to a Spring login form. authkit
 * stays the one that signs users in and out; the application may still set its own entry point.
 * Requests authenticated by an access token skip Spring's CSRF check, and Spring Security's own
 * logout also ends the authkit session (both on by default, see {@link AuthKitProperties.Security}).
 *
 * <p>Nothing of this loads without Spring Security: the condition is read from the class file.
 */
@AutoConfiguration(after = AuthKitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, SecurityFilterChain.class, AuthKitFilter.class})
public class AuthKitSecurityAutoConfiguration {

    /**
     * Vouches for {@link AuthKitAuthentication}s (authkit verified the session); being an
     * authentication provider, it also keeps Spring Boot from creating a user with a generated password.
     */
    @Bean
    @ConditionalOnMissingBean(AuthenticationProvider.class)
    public AuthenticationProvider authKitAuthenticationProvider() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                return authentication instanceof AuthKitAuthentication ? authentication : null;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return AuthKitAuthentication.class.isAssignableFrom(authentication);
            }
        };
    }

    /**
     * Applied by Spring Security to each {@code HttpSecurity} before the application configures it
     * (the application's own calls come after, and win): the session as the request's
     * {@code Authentication}; authkit's sign-in for signed-out visitors; requests authenticated by an
     * access token exempt from CSRF; and Spring Security's logout ending the authkit session. See
     * {@link AuthKitSecurityHandlers} for each part, and {@link AuthKitProperties.Security} for the switches.
     */
    @Bean
    public Customizer<HttpSecurity> authKitHttpSecurityCustomizer(AuthKitProperties properties) {
        AuthKitProperties.Security settings = properties.security();
        return http -> {
            // after both SecurityContextHolderFilter and SecurityContextPersistenceFilter (requireExplicitSave(false)),
            // so that neither replaces the authentication the bridge sets
            http.addFilterBefore(new AuthKitSecurityContextFilter(), HeaderWriterFilter.class)
                    .exceptionHandling(e -> e.authenticationEntryPoint(AuthKitSecurityHandlers.signIn()));
            if (settings.csrfIgnoresBearerRequests()) {
                http.csrf(c -> c.ignoringRequestMatchers(AuthKitSecurityHandlers.bearerAuthenticated()));
            }
            if (settings.logoutEndsSession()) {
                http.logout(l -> l.addLogoutHandler(AuthKitSecurityHandlers.logout())
                        .logoutSuccessHandler(AuthKitSecurityHandlers.logoutSuccess()));
            }
        };
    }
}
