package example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The starter on the Jackson and Kotlin versions Spring Boot manages: the WorkOS SDK's calls still work. */
@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureFakeWorkOS
class BootManagedVersionsTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void signedInAndRefreshedThroughTheSdkOnBootsVersions() throws Exception {
        String jackson = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
        // runtime dependencies of the WorkOS SDK, so read by name
        String jacksonKotlin = Class.forName("com.fasterxml.jackson.module.kotlin.PackageVersion").getField("VERSION")
                .get(null).toString();
        Object kotlin = Class.forName("kotlin.KotlinVersion").getField("CURRENT").get(null);
        System.out.println("Running on Jackson " + jackson + " (jackson-module-kotlin " + jacksonKotlin + "), Kotlin " + kotlin);
        assertThat(jacksonKotlin).isEqualTo(jackson);

        Cookie alice = sessions.cookie(DemoData.ALICE);
        mvc.perform(get("/me").cookie(alice)).andExpect(content().string("alice@example.com"));
        fake.clock().advance(Duration.ofMinutes(10));
        MvcResult refreshed = mvc.perform(get("/me").cookie(alice)).andExpect(content().string("alice@example.com")).andReturn();
        assertThat(refreshed.getResponse().getHeader("Set-Cookie")).startsWith("wos-session=");
        assertThat(fake.refreshCalls()).isEqualTo(1);
    }
}
