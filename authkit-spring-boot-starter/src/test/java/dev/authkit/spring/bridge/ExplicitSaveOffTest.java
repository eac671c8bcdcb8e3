package dev.authkit.spring.bridge;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.authkit.spring.security.AuthKitSecurityHandlers;
import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application whose Spring Security saves the security context by itself
 * ({@code requireExplicitSave(false)}, the Spring Security 5 way) and answers its own 403s with
 * authkit's {@code Problem}: the bridge's authentication is neither overwritten nor outlives the session.
 */
@SpringBootTest(classes = ExplicitSaveOffTest.App.class)
@AutoConfigureMockMvc
@AutoConfigureFakeWorkOS
class ExplicitSaveOffTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void adminsGetTheAdminPageAndMembersAProblem() throws Exception {
        mvc.perform(get("/admin").cookie(sessions.cookie(DemoData.ALICE)))
                .andExpect(status().isOk()).andExpect(content().string("admin " + DemoData.ALICE));
        mvc.perform(get("/admin").cookie(sessions.cookie(DemoData.BOB)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value("forbidden"))
                .andExpect(jsonPath("$.message").value(AuthKitSecurityHandlers.FORBIDDEN));
    }

    @Test
    void anAuthenticationKeptInTheHttpSessionEndsWithTheAuthKitSession() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/admin").cookie(sessions.cookie(DemoData.ALICE)).session(session)).andExpect(status().isOk());
        // the same HTTP session, no authkit cookie: signed out, whatever Spring kept
        mvc.perform(get("/admin").session(session).accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
        mvc.perform(get("/admin").cookie(sessions.cookie(DemoData.BOB)).session(session).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden());
    }

    @SpringBootApplication
    static class App {
        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.securityContext(c -> c.requireExplicitSave(false))
                    .authorizeHttpRequests(a -> a.requestMatchers("/admin").hasRole("admin").anyRequest().permitAll())
                    .exceptionHandling(e -> e.accessDeniedHandler(AuthKitSecurityHandlers.forbidden()))
                    .build();
        }

        @RestController
        static class Admin {
            @GetMapping("/admin")
            String admin(Authentication authentication) {
                return "admin " + authentication.getName();
            }
        }
    }
}
