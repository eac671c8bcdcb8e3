package dev.authkit.conformance.spring;

import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.spring.RequiresSignIn;
import dev.authkit.testkit.conformance.AdapterConformanceSuite;
import dev.authkit.testkit.conformance.ConformanceEcho;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The adapter conformance suite on the Spring Boot starter: embedded Tomcat, the auto-configured
 * filter, Spring MVC and Spring Security (everything permitted, so the suite sees authkit's
 * decisions; the principal and roles come through the starter's Spring Security bridge). The
 * base path is {@code server.servlet.context-path}.
 */
class SpringConformanceTest extends AdapterConformanceSuite {

    @Override
    protected RunningApp start(int port, AuthKit authKit) {
        return startUnder(port, "", authKit);
    }

    @Override
    protected RunningApp startUnder(int port, String basePath, AuthKit authKit) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoApp.class)
                .properties("server.port=" + port, "server.address=127.0.0.1", "server.servlet.context-path=" + basePath,
                        "spring.main.banner-mode=off")
                .initializers(c -> c.getBeanFactory().registerSingleton("authKit", authKit))
                .run();
        return context::close;
    }

    /** Answers every path with the conformance echo. */
    @SpringBootApplication
    static class EchoApp {
        @Bean
        SecurityFilterChain everythingPermitted(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                    .csrf(c -> c.disable())
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .build();
        }

        /** The conformance suite's guarded endpoints ({@code ConformanceEcho.GUARDS}), guarded by the starter's annotation. */
        @RestController
        static class Guarded {
            @RequestMapping("/public/guarded/signed-in")
            @RequiresSignIn
            ResponseEntity<String> signedIn(HttpServletRequest request, Auth auth) {
                return Echo.render(request, auth);
            }

            @RequestMapping("/public/guarded/admin")
            @RequiresSignIn(roles = "admin")
            ResponseEntity<String> admin(HttpServletRequest request, Auth auth) {
                return Echo.render(request, auth);
            }

            @RequestMapping("/public/guarded/posts-write")
            @RequiresSignIn(permissions = "posts:write")
            ResponseEntity<String> postsWrite(HttpServletRequest request, Auth auth) {
                return Echo.render(request, auth);
            }
        }

        @RestController
        static class Echo {
            @RequestMapping("/**")
            ResponseEntity<String> echo(HttpServletRequest request, Auth auth) {
                return render(request, auth);
            }

            static ResponseEntity<String> render(HttpServletRequest request, Auth auth) {
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (String name : Collections.list(request.getHeaderNames())) {
                    headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
                }
                String body = ConformanceEcho.render(request.getMethod(), request.getRequestURI(), auth,
                        Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName), request.isUserInRole("admin"),
                        headers);
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
            }
        }
    }
}
