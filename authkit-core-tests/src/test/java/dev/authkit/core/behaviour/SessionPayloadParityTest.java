package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.core.AuthKit;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Outcome;
import dev.authkit.core.interop.NodeInterop;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For the same WorkOS answer, the core seals what authkit-nextjs 4.3 seals: the user signs in once
 * through the core's callback and once through the real {@code @workos-inc/node} 10 SDK, sealed as
 * authkit-nextjs's callback route does (the script {@code interop/workos-node-session.mjs}), against
 * one FakeWorkOS on a stopped clock; both cookies are opened and compared field by field. Only the
 * tokens differ (each sign-in gets its own).
 */
class SessionPayloadParityTest {
    static final String DORA = "user_dora";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static FakeWorkOSExtension extension = new FakeWorkOSExtension(Harness.fakeOptions().seed(f ->
            f.addUser(FakeUser.builder("dora@example.com").id(DORA).name("Dora", "Diaz")
                    .profilePictureUrl("https://example.com/dora.png").externalId("ext-dora").locale("en-GB")
                    .metadata(Map.of("team", "platform", "tier", "gold")))));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a plain sign-in", "an impersonated sign-in", "a user with only an email"})
    void javaSealsWhatAuthkitNextjsSeals(String kind, FakeWorkOS fake) throws Exception {
        Harness h = new Harness(fake);
        FakeUser user = kind.contains("only an email") ? fake.addUser("plain@example.com") : h.user(DORA);
        fake.autoSignIn(user);

        if (kind.contains("impersonated")) {
            fake.impersonateNextSignIn("admin@example.com", "support ticket 42");
        }
        JsonNode java = javaSession(h);
        if (kind.contains("impersonated")) {
            fake.impersonateNextSignIn("admin@example.com", "support ticket 42");
        }
        JsonNode node = nodeSession(fake);

        assertThat(new TreeSet<>(fieldNames(java))).as("top-level fields").isEqualTo(new TreeSet<>(fieldNames(node)));
        for (String token : List.of("accessToken", "refreshToken")) {
            assertThat(java.get(token).asText()).as(token).isNotEmpty();
            assertThat(node.get(token).asText()).as(token).isNotEmpty();
        }
        for (String field : fieldNames(node)) {
            if (!field.equals("accessToken") && !field.equals("refreshToken") && !field.equals("user")) {
                assertThat(java.get(field)).as(field).isEqualTo(node.get(field));
            }
        }
        JsonNode javaUser = java.get("user");
        JsonNode nodeUser = node.get("user");
        assertThat(fieldNames(javaUser)).as("user fields, in the Node SDK's order").isEqualTo(fieldNames(nodeUser));
        for (String field : fieldNames(nodeUser)) {
            assertThat(javaUser.get(field)).as("user." + field).isEqualTo(nodeUser.get(field));
        }
        if (!kind.contains("only an email")) {
            assertThat(nodeUser.get("name").asText()).as("the Node SDK keeps the name").isEqualTo("Dora Diaz");
        }
    }

    /** Signs in through the core's own routes and returns the JSON sealed in its session cookie. */
    private static JsonNode javaSession(Harness h) throws Exception {
        AuthKit authKit = h.authKit().build();
        Outcome.Redirect in = (Outcome.Redirect) authKit.handle(TestRequest.get(APP + "/auth/sign-in"));
        String callback = Harness.get(in.location()).headers().firstValue("Location").orElseThrow();
        Outcome back = authKit.handle(TestRequest.get(callback).cookies(in.cookies()));
        String sealed = Harness.cookie(back, "wos-session").orElseThrow().value();
        return JSON.readTree(CookieSealer.iron(Harness.PASSWORD).unseal(sealed).orElseThrow());
    }

    /** Signs in with @workos-inc/node and seals as authkit-nextjs does; returns the JSON in that seal. */
    private static JsonNode nodeSession(FakeWorkOS fake) throws Exception {
        URI base = URI.create(fake.baseUrl());
        ObjectNode request = JSON.createObjectNode().put("hostname", base.getHost()).put("port", base.getPort())
                .put("clientId", fake.clientId()).put("apiKey", fake.apiKey()).put("redirectUri", Harness.REDIRECT)
                .put("password", Harness.PASSWORD);
        String seal = JSON.readTree(NodeInterop.get().run("workos-node-session.mjs", request.toString())).get("seal").asText();
        return JSON.readTree(CookieSealer.iron(Harness.PASSWORD).unseal(seal).orElseThrow());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
