package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.CookieSealer;
import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IssuedSessionTest {
    static final String PASSWORD = "a-cookie-password-of-32-characters-or-more";

    @RegisterExtension
    static FakeWorkOSExtension extension = new FakeWorkOSExtension(FakeWorkOS.builder().withDemoData());

    @Test
    void theCookieValueUnsealsToAuthkitNextjsShape(FakeWorkOS fake) throws Exception {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        String cookie = s.cookieValue(PASSWORD);
        assertThat(cookie).startsWith("Fe26.2*1*").endsWith("~2");
        JsonNode json = new ObjectMapper().readTree(CookieSealer.iron(PASSWORD).unseal(cookie).orElseThrow());
        assertThat(json.get("accessToken").asText()).isEqualTo(s.accessToken());
        assertThat(json.get("refreshToken").asText()).isEqualTo(s.refreshToken());
        assertThat(json.get("user").get("id").asText()).isEqualTo(DemoData.ALICE);
        assertThat(json.get("user").get("firstName").asText()).isEqualTo("Alice");
        assertThat(json.get("user").get("emailVerified").asBoolean()).isTrue();
        assertThat(json.get("user").get("object").asText()).isEqualTo("user");
        assertThat(json.get("user").has("first_name")).isFalse();
        assertThat(json.get("authenticationMethod").asText()).isEqualTo("Password");
        assertThat(json.has("impersonator")).isFalse();
        assertThat(s.organizationId()).contains(DemoData.ACME);
        assertThat(s.toString()).doesNotContain(s.accessToken()).doesNotContain(s.refreshToken());
    }

    @Test
    void anImpersonatedSessionCarriesTheImpersonator(FakeWorkOS fake) throws Exception {
        fake.impersonateNextSignIn("support@example.com", null);
        IssuedSession s = fake.signIn(fake.user(DemoData.BOB).orElseThrow());
        JsonNode json = new ObjectMapper().readTree(CookieSealer.iron(PASSWORD).unseal(s.cookieValue(PASSWORD)).orElseThrow());
        assertThat(json.get("impersonator").get("email").asText()).isEqualTo("support@example.com");
        assertThat(json.get("impersonator").get("reason").isNull()).isTrue();
    }

    @Test
    void signInChecksMembership(FakeWorkOS fake) {
        FakeUser carol = fake.user(DemoData.CAROL).orElseThrow();
        assertThat(fake.signIn(carol).organizationId()).isEmpty();
        assertThatThrownBy(() -> fake.signIn(carol, fake.organization(DemoData.ACME).orElseThrow()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
