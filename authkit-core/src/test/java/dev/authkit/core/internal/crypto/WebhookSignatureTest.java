package dev.authkit.core.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.internal.crypto.WebhookSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** WorkOS-Signature checks against signatures computed here with the JDK's HMAC, independently of the class. */
class WebhookSignatureTest {
    static final String SECRET = "whsec_unit_test";
    static final String BODY = "{\"id\":\"event_1\",\"event\":\"session.revoked\",\"data\":{\"id\":\"session_1\"}}";
    static final long NOW = 1_767_225_600_000L;

    static String header(String secret, long t, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ", v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGoodSignatureWithinThreeMinutesEitherWayIsValid() throws Exception {
        assertThat(WebhookSignature.verify(header(SECRET, NOW, BODY), BODY, SECRET, NOW)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(header(SECRET, NOW - 180_000, BODY), BODY, SECRET, NOW)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(header(SECRET, NOW + 180_000, BODY), BODY, SECRET, NOW)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.sign(SECRET, NOW, BODY)).isEqualTo(header(SECRET, NOW, BODY));
        assertThat(WebhookSignature.verify("v1=" + header(SECRET, NOW, BODY).split("v1=")[1] + ",t=" + NOW, BODY, SECRET, NOW))
                .as("order and spaces do not matter").isEqualTo(Verdict.VALID);
    }

    @Test
    void staleForgedAndMalformedAreTold() throws Exception {
        assertThat(WebhookSignature.verify(header(SECRET, NOW - 180_001, BODY), BODY, SECRET, NOW)).isEqualTo(Verdict.STALE);
        assertThat(WebhookSignature.verify(header(SECRET, NOW - 240_000, BODY), BODY, SECRET, NOW)).isEqualTo(Verdict.STALE);
        assertThat(WebhookSignature.verify(header("other", NOW, BODY), BODY, SECRET, NOW)).isEqualTo(Verdict.FORGED);
        assertThat(WebhookSignature.verify(header(SECRET, NOW, BODY), BODY + " ", SECRET, NOW)).isEqualTo(Verdict.FORGED);
        String good = header(SECRET, NOW, BODY);
        assertThat(WebhookSignature.verify(good.replace("t=" + NOW, "t=" + (NOW + 1)), BODY, SECRET, NOW))
                .isEqualTo(Verdict.FORGED);
        for (String bad : new String[] {"", "t=", "v1=00", "t=" + NOW, good.substring(0, good.length() - 1),
                "t=abc, v1=" + "0".repeat(64), "t=" + NOW + ", v1=" + "z".repeat(64), "x".repeat(600)}) {
            assertThat(WebhookSignature.verify(bad, BODY, SECRET, NOW)).as(bad).isEqualTo(Verdict.MALFORMED);
        }
        assertThat(WebhookSignature.verify(null, BODY, SECRET, NOW)).isEqualTo(Verdict.MALFORMED);
    }
}
