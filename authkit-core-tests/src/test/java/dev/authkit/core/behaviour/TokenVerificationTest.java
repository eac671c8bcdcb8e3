package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.IssuedSession;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the access-token check refuses: anything but an RS256 signature by a key FakeWorkOS publishes. */
class TokenVerificationTest extends BehaviourTest {
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    AuthKit authKit;
    IssuedSession alice;
    String payload;
    String kid;

    @BeforeEach
    void setUp() {
        authKit = h.authKit().acceptBearerTokens(true).build();
        alice = fake.signIn(h.user(DemoData.ALICE));
        payload = alice.accessToken().split("\\.")[1];
        kid = fake.currentKeyId();
    }

    boolean accepted(String token) {
        return authKit.handle(TestRequest.get(APP + "/api").header("Authorization", "Bearer " + token)) instanceof Outcome.Continue;
    }

    static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theGenuineTokenPassesAndItsClaimsReadAsNumbersAndLists() {
        assertThat(accepted(alice.accessToken())).isTrue();
        var auth = ((Outcome.Continue) authKit.handle(TestRequest.get(APP + "/api")
                .header("Authorization", "Bearer " + alice.accessToken()))).auth();
        assertThat(auth.claims().get("exp")).isInstanceOf(Long.class);
        assertThat(auth.roles()).contains("admin");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        assertThat(accepted(b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + payload + ".")).isFalse();
        assertThat(accepted(b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + payload + ".AAAA")).isFalse();
    }

    @Test
    void anHmacTokenKeyedWithPublicMaterialIsRefused() throws Exception {
        String input = b64("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}") + "." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(kid.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(accepted(input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII))))).isFalse();
    }

    @Test
    void aTokenSignedByAnotherKeyUnderThePublishedKidIsRefused() throws Exception {
        var pair = KeyPairGenerator.getInstance("RSA");
        pair.initialize(2048);
        var keys = pair.generateKeyPair();
        for (String header : new String[] {"{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}", "{\"alg\":\"RS256\"}"}) {
            String input = b64(header) + "." + payload;
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            assertThat(accepted(input + "." + B64.encodeToString(rsa.sign()))).as(header).isFalse();
        }
    }

    @Test
    void aGenuineSignatureUnderAnAlteredHeaderIsRefused() {
        String[] parts = alice.accessToken().split("\\.");
        String crit = b64("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"crit\":[\"exp\"]}");
        assertThat(accepted(crit + "." + parts[1] + "." + parts[2])).isFalse();
        assertThat(accepted(parts[0] + "." + parts[1] + "." + parts[2] + ".")).isFalse();
        assertThat(accepted(parts[0] + ".." + parts[2])).isFalse();
        assertThat(accepted(b64("[1]") + "." + parts[1] + "." + parts[2])).isFalse();
    }
}
