package dev.authkit.examples.spring;

import dev.authkit.core.AuthKitConfig;
import dev.authkit.testkit.FakeWorkOS;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The authkit-java demo on Spring Boot: the servlet demo's pages (home, account, organization
 * switch, sign-out, the JSON API page) as Spring MVC controllers, with Spring Security deciding who
 * may see what from the WorkOS session: {@code /admin} needs the {@code admin} role
 * ({@code authorizeHttpRequests}), {@code /reports} the {@code audit-logs:read} permission
 * ({@code @PreAuthorize}), everything but the public pages a signed-in user.
 *
 * <p>With {@code WORKOS_CLIENT_ID} set it talks to WorkOS; without, {@link #main} starts an
 * embedded {@link FakeWorkOS} with demo users and says so. The port is {@code PORT} (default 8080).
 */
@SpringBootApplication
@EnableMethodSecurity
public class DemoApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(DemoApplication.class);
        String clientId = System.getenv(AuthKitConfig.CLIENT_ID);
        if (clientId == null || clientId.isEmpty()) {
            String port = System.getenv().getOrDefault("PORT", "8080");
            FakeWorkOS fake = FakeWorkOS.builder().withDemoData().start();
            Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-workos-shutdown"));
            Map<String, Object> defaults = new HashMap<>(fake.environment());
            defaults.put(AuthKitConfig.REDIRECT_URI, "http://localhost:" + port + "/callback");
            defaults.put(AuthKitConfig.COOKIE_PASSWORD, randomPassword());
            defaults.put("demo.fake-workos", "true");
            app.setDefaultProperties(defaults);
            System.out.println("No WORKOS_* variables are set: using an embedded FakeWorkOS at " + fake.baseUrl()
                    + " with demo users alice@example.com, bob@example.com and carol@example.com (no passwords).");
        }
        app.run(args);
        System.out.println("Demo running at http://localhost:" + System.getenv().getOrDefault("PORT", "8080")
                + " (open it in a browser; sign in from the home page)");
    }

    /** Which pages need whom. authkit's own routes ({@code /auth/...}, the callback) never reach this chain. */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/api-demo", "/error", "/favicon.ico").permitAll()
                        .requestMatchers("/admin/**").hasRole("admin")
                        .anyRequest().authenticated())
                .build();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
