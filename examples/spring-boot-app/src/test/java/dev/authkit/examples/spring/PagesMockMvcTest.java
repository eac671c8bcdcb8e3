package dev.authkit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The demo's pages and Spring Security rules with MockMvc: the test recipe README shows. */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureFakeWorkOS
class PagesMockMvcTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void signedOutVisitorsSeeTheHomePageAndAreSentToSignInElsewhere() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk()).andExpect(content().string(
                org.hamcrest.Matchers.containsString("You are not signed in")));
        String location = mvc.perform(get("/account").accept(MediaType.TEXT_HTML)).andExpect(status().is(307))
                .andReturn().getResponse().getHeader("Location");
        assertThat(location).startsWith(fake.baseUrl() + "/user_management/authorize");
    }

    @Test
    void theAccountPageShowsTheSession() throws Exception {
        mvc.perform(get("/account").cookie(sessions.cookie(DemoData.ALICE)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<dd id=\"email\">alice@example.com</dd>")));
    }

    @Test
    void springSecurityRulesUseWorkOSRolesAndPermissions() throws Exception {
        mvc.perform(get("/reports").cookie(sessions.cookie(DemoData.BOB))).andExpect(status().isForbidden());
        mvc.perform(get("/reports").cookie(sessions.cookie(DemoData.ALICE))).andExpect(status().isOk());
        mvc.perform(get("/admin").cookie(sessions.cookie(DemoData.BOB))).andExpect(status().isForbidden());
        mvc.perform(get("/admin").cookie(sessions.cookie(DemoData.ALICE))).andExpect(status().isOk());
    }
}
