package dev.authkit.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.internal.crypto.IronSealer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seals in one language and unseals in the other, against the real iron-session 8.0.4 and 9.0.1
 * from the npm registry, run with the machine's Node.
 */
class IronSessionInteropTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PW1 = "this-is-at-least-thirty-two-chars!";
    static final String PW2 = "a-second-password-also-32-characters-long";
    // the shape authkit-nextjs seals, with characters that need care in JSON and UTF-8
    static final String SESSION = "{\"accessToken\":\"eyJhbGciOiJSUzI1NiJ9.e30.sig\",\"refreshToken\":\"rt_01H\","
            + "\"user\":{\"object\":\"user\",\"id\":\"user_01\",\"email\":\"zoë@example.com\",\"firstName\":\"Zoë \\\"Z\\\" 🙂\","
            + "\"lastName\":null,\"emailVerified\":true,\"metadata\":{}},\"impersonator\":{\"email\":\"admin@example.com\",\"reason\":null}}";

    static JsonNode node(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String nodeSeal(String version, Object password, String dataJson, long ttlSeconds) {
        ObjectNode req = JSON.createObjectNode().put("op", "seal").put("version", version).put("ttl", ttlSeconds);
        req.set("password", JSON.valueToTree(password));
        req.set("data", node(dataJson));
        return node(NodeInterop.get().run("iron.mjs", req.toString())).get("seal").asText();
    }

    static JsonNode nodeUnseal(String version, Object password, String seal) {
        ObjectNode req = JSON.createObjectNode().put("op", "unseal").put("version", version).put("seal", seal);
        req.set("password", JSON.valueToTree(password));
        return node(NodeInterop.get().run("iron.mjs", req.toString())).get("data");
    }

    @ParameterizedTest(name = "iron-session {0} seals, Java unseals")
    @ValueSource(strings = {"8", "9"})
    void nodeSealsJavaUnseals(String version) {
        String sealed = nodeSeal(version, PW1, SESSION, 0);
        assertThat(sealed).startsWith("Fe26.2*1*").endsWith("~2");
        assertThat(node(CookieSealer.iron(PW1).unseal(sealed).orElseThrow())).isEqualTo(node(SESSION));
        assertThat(CookieSealer.iron(PW2).unseal(sealed)).isEmpty();
    }

    @ParameterizedTest(name = "Java seals, iron-session {0} unseals")
    @ValueSource(strings = {"8", "9"})
    void javaSealsNodeUnseals(String version) {
        String sealed = CookieSealer.iron(PW1).seal(SESSION, Duration.ZERO);
        assertThat(nodeUnseal(version, PW1, sealed)).isEqualTo(node(SESSION));
        assertThat(nodeUnseal(version, PW2, sealed)).isEqualTo(node("{}"));
    }

    @ParameterizedTest(name = "rotation both ways with iron-session {0}")
    @ValueSource(strings = {"8", "9"})
    void rotationBothWays(String version) {
        Map<String, String> both = Map.of("1", PW1, "2", PW2);
        // Node seals with the highest id; Java with both, or with the new one only, opens it
        String byNode = nodeSeal(version, both, "{\"n\":1}", 0);
        assertThat(byNode).startsWith("Fe26.2*2*");
        assertThat(CookieSealer.iron(both).unseal(byNode)).contains("{\"n\":1}");
        assertThat(CookieSealer.iron(Map.of("2", PW2)).unseal(byNode)).contains("{\"n\":1}");
        assertThat(CookieSealer.iron(PW1).unseal(byNode)).isEmpty();
        // an old cookie sealed by Node under id 1 still opens in a rotated Java sealer
        assertThat(CookieSealer.iron(both).unseal(nodeSeal(version, PW1, "{\"old\":true}", 0))).contains("{\"old\":true}");
        // Java seals with the highest id; Node with both, or the new one only, opens it; the old one alone cannot
        String byJava = CookieSealer.iron(both).seal("{\"j\":2}", Duration.ZERO);
        assertThat(byJava).startsWith("Fe26.2*2*");
        assertThat(nodeUnseal(version, both, byJava)).isEqualTo(node("{\"j\":2}"));
        assertThat(nodeUnseal(version, Map.of("2", PW2), byJava)).isEqualTo(node("{\"j\":2}"));
        assertThat(nodeUnseal(version, Map.of("1", PW1), byJava)).isEqualTo(node("{}"));
    }

    @ParameterizedTest(name = "TTL seals both ways with iron-session {0}")
    @ValueSource(strings = {"8", "9"})
    void ttlBothWays(String version) {
        long before = System.currentTimeMillis();
        String byNode = nodeSeal(version, PW1, "{\"t\":1}", 3600);
        long expiration = Long.parseLong(byNode.split("\\*")[5]);
        assertThat(expiration).isBetween(before + 3_600_000, System.currentTimeMillis() + 3_600_000);
        assertThat(CookieSealer.iron(PW1).unseal(byNode)).contains("{\"t\":1}");
        Clock later = Clock.fixed(Instant.ofEpochMilli(expiration + 61_000), ZoneOffset.UTC);
        assertThat(new IronSealer(Map.of("1", PW1), later).unseal(byNode)).isEmpty();

        String byJava = CookieSealer.iron(PW1).seal("{\"t\":2}", Duration.ofHours(1));
        assertThat(nodeUnseal(version, PW1, byJava)).isEqualTo(node("{\"t\":2}"));
        Clock earlier = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC);
        String expired = new IronSealer(Map.of("1", PW1), earlier).seal("{\"t\":3}", Duration.ofHours(1));
        assertThat(nodeUnseal(version, PW1, expired)).isEqualTo(node("{}"));
    }

    @ParameterizedTest(name = "iron-session {0} opens the worked example")
    @ValueSource(strings = {"8", "9"})
    void nodeOpensTheWorkedExample(String version) {
        String example = "Fe26.2*1*" + "0".repeat(63) + "1*AAECAwQFBgcICQoLDA0ODw*8Vbc8ENBQ2OHLOHGVbPv2b-LO--sQrmanJuky2QgwxY**"
                + "0".repeat(63) + "2*ljimTewk3B1dpbu1SWbf7ktewbeuE-FGxZ4GdViZPzs~2";
        assertThat(nodeUnseal(version, PW1, example)).isEqualTo(node("{\"user\":\"alice\"}"));
    }
}
