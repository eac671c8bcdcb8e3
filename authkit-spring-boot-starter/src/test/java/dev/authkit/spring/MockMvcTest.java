package dev.authkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The starter in a MockMvc test: properties only, Spring Security on, the fake started by the annotation. */
@SpringBootTest(classes = TestApp.class)
@AutoConfigureMockMvc
@AutoConfigureFakeWorkOS
class MockMvcTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void authIsAControllerParameter() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk()).andExpect(content().string("home signed-out"));
        mvc.perform(get("/").cookie(sessions.cookie(DemoData.ALICE)))
                .andExpect(status().isOk()).andExpect(content().string("home " + DemoData.ALICE));
    }

    @Test
    void requiresSignInSendsPagesToSignInAndScriptsA401() throws Exception {
        MvcResult page = mvc.perform(get("/public/me").accept(MediaType.TEXT_HTML)).andExpect(status().is(307)).andReturn();
        assertThat(page.getResponse().getHeader("Location")).startsWith(fake.baseUrl() + "/user_management/authorize");
        assertThat(page.getResponse().getHeaders("Set-Cookie")).anyMatch(c -> c.startsWith("wos-auth-verifier"));
        mvc.perform(get("/public/me").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isUnauthorized())
                .andExpect(content().json("{\"error\":\"unauthorized\"}"));
        mvc.perform(get("/public/me").cookie(sessions.cookie(DemoData.BOB)))
                .andExpect(status().isOk()).andExpect(content().string("me " + DemoData.BOB));
    }

    @Test
    void requiresSignInChecksRolesAndPermissions() throws Exception {
        Cookie bob = sessions.cookie(DemoData.BOB);
        Cookie alice = sessions.cookie(DemoData.ALICE);
        mvc.perform(get("/public/admin").cookie(bob)).andExpect(status().isForbidden())
                .andExpect(content().json("{\"error\":\"forbidden\",\"message\":\"You need the role admin in this organization.\"}"));
        mvc.perform(get("/public/admin").cookie(alice)).andExpect(content().string("admin " + DemoData.ALICE));
        mvc.perform(get("/public/editor").cookie(bob)).andExpect(status().isForbidden())
                .andExpect(content().json("{\"message\":\"You need the permission posts:write.\"}"));
        mvc.perform(get("/public/editor").cookie(alice)).andExpect(content().string("editor " + DemoData.ALICE));
    }

    @Test
    void springSecuritySeesTheWorkOSUserWithRolesAndPermissions() throws Exception {
        mvc.perform(get("/account").cookie(sessions.cookie(DemoData.ALICE)))
                .andExpect(content().string(DemoData.ALICE
                        + " [ROLE_admin, ROLE_member, audit-logs:read, posts:read, posts:write, users:manage]"));
        mvc.perform(get("/users").cookie(sessions.cookie(DemoData.ALICE))).andExpect(content().string("users"));
        mvc.perform(get("/users").cookie(sessions.cookie(DemoData.BOB))).andExpect(status().isForbidden());
        mvc.perform(get("/writers/desk").cookie(sessions.cookie(DemoData.BOB))).andExpect(status().isForbidden());
        mvc.perform(get("/writers/desk").cookie(sessions.cookie(DemoData.ALICE))).andExpect(content().string("desk"));
    }

    @Test
    void springSecuritySendsSignedOutVisitorsToAuthKitNotALoginForm() throws Exception {
        MvcResult page = mvc.perform(get("/account").accept(MediaType.TEXT_HTML)).andExpect(status().is(307)).andReturn();
        assertThat(page.getResponse().getHeader("Location")).startsWith(fake.baseUrl() + "/user_management/authorize");
        mvc.perform(get("/account")).andExpect(status().isUnauthorized());
    }

    @Test
    void advancingTheFakeClockRefreshesTheSession() throws Exception {
        Cookie alice = sessions.cookie(DemoData.ALICE);
        mvc.perform(get("/public/me").cookie(alice)).andExpect(header().doesNotExist("Set-Cookie"));
        assertThat(fake.refreshCalls()).isZero();
        fake.clock().advance(Duration.ofMinutes(10));
        MvcResult refreshed = mvc.perform(get("/public/me").cookie(alice))
                .andExpect(content().string("me " + DemoData.ALICE)).andReturn();
        assertThat(refreshed.getResponse().getHeader("Set-Cookie")).startsWith("wos-session=");
        assertThat(fake.refreshCalls()).isEqualTo(1);
    }

    @Test
    void builtInRoutesAnswer() throws Exception {
        mvc.perform(get("/auth/api/session").cookie(sessions.cookie(DemoData.ALICE)))
                .andExpect(content().json("{\"signedIn\":true}"));
    }
}
