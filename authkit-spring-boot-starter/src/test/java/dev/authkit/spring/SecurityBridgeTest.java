package dev.authkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The starter next to the application's own Spring Security (CSRF on, as by default): the client
 * routes, bearer-token posts, roles kept apart from permissions, and Spring Security's logout.
 */
@SpringBootTest(classes = TestApp.class, properties = "authkit.accept-bearer-tokens=true")
@AutoConfigureMockMvc
@AutoConfigureFakeWorkOS
class SecurityBridgeTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void theBrowserClientAndItsTypesAreServedSignedInAndSignedOut() throws Exception {
        for (Cookie cookie : new Cookie[] {new Cookie("unrelated", "1"), sessions.cookie(DemoData.ALICE)}) {
            mvc.perform(get("/auth/client.js").cookie(cookie)).andExpect(status().isOk())
                    .andExpect(content().contentType("text/javascript; charset=utf-8"))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("export async function signOut(")));
            mvc.perform(get("/auth/client.d.ts").cookie(cookie)).andExpect(status().isOk())
                    .andExpect(content().contentType("application/typescript; charset=utf-8"));
        }
    }

    @Test
    void aBearerTokenPostPassesSpringsCsrfCheckWithoutAnHttpSession() throws Exception {
        String token = fake.signIn(fake.user(DemoData.ALICE).orElseThrow()).accessToken();
        MvcResult bearer = mvc.perform(post("/notes").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(content().string("saved by " + DemoData.ALICE)).andReturn();
        assertThat(bearer.getResponse().getHeaders("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
        assertThat(bearer.getRequest().getSession(false)).as("an HTTP session").isNull();

        // a cookie-authenticated post still needs Spring's CSRF token, and a bad bearer token proves nothing
        mvc.perform(post("/notes").cookie(sessions.cookie(DemoData.ALICE))).andExpect(status().isForbidden());
        mvc.perform(post("/notes").header("Authorization", "Bearer " + token + "x")).andExpect(status().isUnauthorized());
        // authkit's own JSON routes keep their rule: a cookie post without X-AuthKit-Request or Origin is refused
        mvc.perform(post("/auth/api/refresh").cookie(sessions.cookie(DemoData.ALICE))).andExpect(status().isForbidden());
    }

    @Test
    void aPermissionNamedLikeARoleDoesNotPassHasRole() throws Exception {
        FakeUser mallory = fake.addUser("mallory@example.com");
        FakeOrganization org = fake.addOrganization("Mallory Inc");
        fake.addMembership(mallory, org, "member", "ROLE_admin", "FACTOR_PASSWORD", "posts:read");
        mvc.perform(get("/admins/desk").cookie(sessions.cookie(mallory.id()))).andExpect(status().isForbidden());
        mvc.perform(get("/account").cookie(sessions.cookie(mallory.id()))).andExpect(content().string(mallory.id()
                + " [PERMISSION_FACTOR_PASSWORD, PERMISSION_ROLE_admin, ROLE_member, posts:read]"));
        mvc.perform(get("/admins/desk").cookie(sessions.cookie(DemoData.ALICE)))
                .andExpect(status().isOk()).andExpect(content().string("admin desk " + DemoData.ALICE));
        mvc.perform(get("/admins/desk").cookie(sessions.cookie(DemoData.BOB))).andExpect(status().isForbidden());
    }

    @Test
    void springSecuritysLogoutEndsTheAuthKitSessionHereAndAtWorkOS() throws Exception {
        Cookie alice = sessions.cookie(DemoData.ALICE);
        MvcResult page = mvc.perform(get("/public/csrf").cookie(alice)).andExpect(status().isOk()).andReturn();
        MockHttpSession session = (MockHttpSession) page.getRequest().getSession(false);
        String csrf = page.getResponse().getContentAsString();

        MvcResult logout = mvc.perform(post("/logout").cookie(alice).session(session).header("X-CSRF-TOKEN", csrf))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(logout.getResponse().getRedirectedUrl()).startsWith(fake.baseUrl() + "/user_management/sessions/logout?");
        assertThat(logout.getResponse().getHeaders("Set-Cookie"))
                .anyMatch(c -> c.startsWith("wos-session=") && c.contains("Max-Age=0"));
    }
}
