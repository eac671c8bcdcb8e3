package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import dev.authkit.core.interop.NodeInterop;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One session cookie shared with a Next.js app: the real iron-session (what authkit-nextjs seals
 * with) writes the cookie authkit-nextjs writes and the core accepts it; the cookie the core
 * writes opens in iron-session to the same shape.
 */
class NextjsCookieInteropTest {
    @RegisterExtension
    static FakeWorkOSExtension extension = new FakeWorkOSExtension(Harness.fakeOptions());
    static final ObjectMapper JSON = new ObjectMapper();

    /** The object authkit-nextjs seals after a sign-in, with the Node SDK's camelCase user. */
    static ObjectNode nextjsSession(IssuedSession s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("accessToken", s.accessToken());
        root.put("refreshToken", s.refreshToken());
        ObjectNode user = root.putObject("user");
        user.put("object", "user");
        user.put("id", s.user().id());
        user.put("email", s.user().email());
        user.put("emailVerified", true);
        user.put("firstName", "Alice");
        user.put("profilePictureUrl", (String) null);
        user.put("lastName", "Anders");
        user.put("lastSignInAt", "2026-11-27T05:00:00.000Z");
        user.put("locale", (String) null);
        user.put("createdAt", "2024-01-01T00:00:00.000Z");
        user.put("updatedAt", "2024-01-01T00:00:00.000Z");
        user.put("externalId", (String) null);
        user.putObject("metadata").put("team", "platform");
        root.putObject("impersonator").put("email", "admin@example.com").put("reason", "support ticket");
        root.put("authenticationMethod", "GoogleOAuth");
        return root;
    }

    static String nodeSeal(String version, JsonNode data) {
        ObjectNode req = JSON.createObjectNode().put("op", "seal").put("version", version).put("password", Harness.PASSWORD).put("ttl", 0);
        req.set("data", data);
        try {
            return JSON.readTree(NodeInterop.get().run("iron.mjs", req.toString())).get("seal").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode nodeUnseal(String version, String seal) {
        ObjectNode req = JSON.createObjectNode().put("op", "unseal").put("version", version).put("password", Harness.PASSWORD)
                .put("seal", seal);
        try {
            return JSON.readTree(NodeInterop.get().run("iron.mjs", req.toString())).get("data");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "a cookie sealed by iron-session {0} signs the user in")
    @ValueSource(strings = {"8", "9"})
    void aNextjsCookieIsAccepted(String version, FakeWorkOS fake) {
        Harness h = new Harness(fake);
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        String cookie = nodeSeal(version, nextjsSession(s));
        Outcome.Continue c = (Outcome.Continue) h.authKit().build().handle(TestRequest.get(APP + "/").cookie("wos-session", cookie));
        Auth auth = c.auth();
        assertThat(auth.isSignedIn()).isTrue();
        assertThat(auth.user().orElseThrow().firstName()).contains("Alice");
        assertThat(auth.user().orElseThrow().metadata()).containsEntry("team", "platform");
        assertThat(auth.impersonator()).hasValueSatisfying(i -> assertThat(i.reason()).contains("support ticket"));
        assertThat(auth.authenticationMethod()).contains("GoogleOAuth");
        assertThat(c.cookies()).isEmpty();
    }

    @ParameterizedTest(name = "a cookie the core writes opens in iron-session {0} in authkit-nextjs shape")
    @ValueSource(strings = {"8", "9"})
    void theCoresCookieReadsInNextjs(String version, FakeWorkOS fake) {
        Harness h = new Harness(fake);
        AuthKit authKit = h.authKit().build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        // let the core refresh a Next.js-written cookie and write its own
        String cookie = nodeSeal(version, nextjsSession(s));
        fake.clock().advance(Duration.ofMinutes(6));
        Outcome o = authKit.handle(TestRequest.get(APP + "/").cookie("wos-session", cookie));
        SetCookie written = Harness.cookie(o, "wos-session").orElseThrow();

        JsonNode data = nodeUnseal(version, written.value());
        assertThat(data.fieldNames()).toIterable().containsExactlyInAnyOrder("accessToken", "refreshToken", "user",
                "impersonator", "authenticationMethod");
        assertThat(data.get("authenticationMethod").asText()).as("kept across refresh").isEqualTo("GoogleOAuth");
        assertThat(data.get("accessToken").asText()).isNotEqualTo(s.accessToken());
        JsonNode user = data.get("user");
        assertThat(user.get("object").asText()).isEqualTo("user");
        assertThat(user.get("id").asText()).isEqualTo(DemoData.ALICE);
        assertThat(user.get("emailVerified").asBoolean()).isTrue();
        assertThat(user.get("firstName").asText()).isEqualTo("Alice");
        assertThat(user.has("first_name")).isFalse();
        assertThat(user.get("createdAt").asText()).isNotEmpty();
        assertThat(user.get("metadata").get("team").asText()).isEqualTo("platform");
        assertThat(written.headerValue()).startsWith("wos-session=Fe26.2*1*").contains("~2;");
    }

    @Test
    void theSealHasNoExpirationLikeAuthkitNextjs(FakeWorkOS fake) {
        Harness h = new Harness(fake);
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        SetCookie c = h.authKit().build().sessions().saveSession(TestRequest.get(APP + "/"), s.toSession());
        assertThat(c.value().split("\\*")[5]).isEmpty();
        assertThat(nodeUnseal("9", c.value()).get("user").get("email").asText()).isEqualTo("alice@example.com");
    }
}
