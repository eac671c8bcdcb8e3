package dev.authkit.spring;

import dev.authkit.core.Auth;
import dev.authkit.servlet.AuthKitFilter;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/** The application the starter's tests run: Spring MVC and Spring Security, configured by properties only. */
@SpringBootApplication
@EnableMethodSecurity
public class TestApp {

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/public/**", "/error").permitAll()
                        .requestMatchers("/writers/**").hasAuthority("posts:write")
                        .requestMatchers("/admins/**").hasRole("admin")
                        .anyRequest().authenticated())
                .build();
    }

    /** Error pages report who was signed in, as authkit and as Spring Security saw it. */
    @Bean
    DefaultErrorAttributes errorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
                Map<String, Object> attributes = super.getErrorAttributes(request, options);
                Object auth = request.getAttribute(AuthKitFilter.AUTH_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
                attributes.put("user", auth instanceof Auth a ? a.userId().orElse("none") : "no auth");
                Authentication current = SecurityContextHolder.getContext().getAuthentication();
                attributes.put("principal", current == null ? "none" : current.getName());
                return attributes;
            }
        };
    }

    @RestController
    static class Pages {
        @GetMapping("/")
        String home(Auth auth) {
            return "home " + auth.userId().orElse("signed-out");
        }

        @GetMapping("/public/boom")
        String publicBoom() {
            throw new IllegalStateException("public page failed");
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("page failed");
        }

        @RequiresSignIn
        @GetMapping("/public/me")
        String me(Auth auth) {
            return "me " + auth.userId().orElseThrow();
        }

        @RequiresSignIn(roles = "admin")
        @GetMapping("/public/admin")
        String admin(Auth auth) {
            return "admin " + auth.userId().orElseThrow();
        }

        @RequiresSignIn(permissions = {"posts:read", "posts:write"})
        @GetMapping("/public/editor")
        String editor(Auth auth) {
            return "editor " + auth.userId().orElseThrow();
        }

        @GetMapping("/account")
        String account(Authentication authentication) {
            return authentication.getName() + " " + new TreeSet<>(authentication.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).toList());
        }

        @PreAuthorize("hasAuthority('users:manage')")
        @GetMapping("/users")
        String users() {
            return "users";
        }

        @GetMapping("/admins/desk")
        String adminDesk(Authentication authentication) {
            return "admin desk " + authentication.getName();
        }

        /** A state-changing call a page script makes with an access token. */
        @PostMapping("/notes")
        String note(Authentication authentication) {
            return "saved by " + authentication.getName();
        }

        /** The CSRF token Spring Security expects, for tests that post forms. */
        @GetMapping("/public/csrf")
        String csrf(CsrfToken token) {
            return token.getToken();
        }

        @GetMapping("/writers/desk")
        String desk() {
            return "desk";
        }
    }
}
