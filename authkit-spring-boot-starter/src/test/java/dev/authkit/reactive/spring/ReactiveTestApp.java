package dev.authkit.reactive.spring;

import dev.authkit.core.Auth;
import dev.authkit.spring.RequiresRecentSignIn;
import dev.authkit.spring.RequiresSignIn;
import dev.authkit.spring.security.AuthKitReactiveSecurityHandlers;
import java.security.Principal;
import java.util.TreeSet;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The WebFlux application the starter's reactive tests run (with {@code spring.main.web-application-type=reactive},
 * as Spring MVC is on the test class path too), configured by properties only. With the profile
 * {@code secured} it has its own Spring Security rules and method security; without it, whatever
 * Spring Boot sets up (its default chain, or no Spring Security when a test excludes it).
 */
@SpringBootApplication
public class ReactiveTestApp {
    /** The reactive test's {@code spring.main.web-application-type}. */
    public static final String REACTIVE = "spring.main.web-application-type=reactive";
    /** Spring Security's auto-configuration, for tests of an application without it. */
    public static final String NO_SPRING_SECURITY = "spring.autoconfigure.exclude="
            + "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration,"
            + "dev.authkit.spring.security.AuthKitReactiveSecurityAutoConfiguration";

    @Configuration(proxyBeanMethods = false)
    @Profile("secured")
    @EnableReactiveMethodSecurity
    static class Secured {
        @Bean
        SecurityWebFilterChain security(ServerHttpSecurity http) {
            return http.authorizeExchange(a -> a
                            .pathMatchers("/", "/public/**").permitAll()
                            .pathMatchers("/writers/**").hasAuthority("posts:write")
                            .pathMatchers("/admins/**").hasRole("admin")
                            .anyExchange().authenticated())
                    .exceptionHandling(e -> e.accessDeniedHandler(AuthKitReactiveSecurityHandlers.forbidden()))
                    .build();
        }
    }

    @RestController
    static class Pages {
        @GetMapping("/")
        String home(Auth auth) {
            return "home " + auth.userId().orElse("signed-out");
        }

        @RequiresSignIn
        @GetMapping("/public/me")
        String me(Auth auth) {
            return "me " + auth.userId().orElseThrow();
        }

        @RequiresSignIn(roles = "admin")
        @GetMapping("/public/admin")
        Mono<String> admin(Auth auth) {
            return Mono.just("admin " + auth.userId().orElseThrow());
        }

        @RequiresSignIn(permissions = {"posts:read", "posts:write"})
        @GetMapping("/public/editor")
        String editor(Auth auth) {
            return "editor " + auth.userId().orElseThrow();
        }

        @RequiresRecentSignIn(seconds = 300)
        @GetMapping("/public/step-up")
        String stepUp(Auth auth) {
            return "recent " + auth.userId().orElseThrow();
        }

        /** The principal WebFlux resolves: authkit's, or Spring Security's {@code Authentication}. */
        @GetMapping("/public/principal")
        Mono<String> principal(Mono<Principal> principal) {
            return principal.map(p -> p.getClass().getSimpleName() + " " + p.getName()).defaultIfEmpty("nobody");
        }

        @GetMapping("/account")
        Mono<String> account() {
            return ReactiveSecurityContextHolder.getContext().map(c -> c.getAuthentication())
                    .map(a -> a.getName() + " " + new TreeSet<>(a.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority).toList()));
        }

        @PreAuthorize("hasAuthority('users:manage')")
        @GetMapping("/users")
        Mono<String> users() {
            return Mono.just("users");
        }

        @PreAuthorize("hasRole('admin')")
        @GetMapping("/public/admin-by-method")
        Mono<String> adminByMethod(Authentication authentication) {
            return Mono.just("admin by method " + authentication.getName());
        }

        @GetMapping("/admins/desk")
        Mono<String> adminDesk(Authentication authentication) {
            return Mono.just("admin desk " + authentication.getName());
        }

        /** The CSRF token Spring Security expects, for tests that post forms. */
        @GetMapping("/public/csrf")
        Mono<String> csrf(ServerWebExchange exchange) {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return token == null ? Mono.just("none") : token.map(CsrfToken::getToken);
        }

        @GetMapping("/writers/desk")
        String desk() {
            return "desk";
        }

        /** A state-changing call a page script makes with an access token. */
        @PostMapping("/notes")
        Mono<String> note(Authentication authentication) {
            return Mono.just("saved by " + authentication.getName());
        }
    }
}
