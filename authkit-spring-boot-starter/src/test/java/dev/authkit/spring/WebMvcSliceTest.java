package dev.authkit.spring;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

/** A {@code @WebMvcTest} slice includes the starter: a valid bearer token signs the request in. */
@WebMvcTest(controllers = TestApp.Pages.class, properties = "authkit.accept-bearer-tokens=true")
@AutoConfigureFakeWorkOS
class WebMvcSliceTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    FakeWorkOS fake;

    @Test
    void aBearerTokenSignsTheRequestIn() throws Exception {
        String token = fake.signIn(fake.user(DemoData.ALICE).orElseThrow()).accessToken();
        mvc.perform(get("/").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(content().string("home " + DemoData.ALICE));
        mvc.perform(get("/account").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(content().string(startsWith(DemoData.ALICE + " [ROLE_admin")));
        mvc.perform(get("/auth/client.js")).andExpect(status().isOk());
    }
}
