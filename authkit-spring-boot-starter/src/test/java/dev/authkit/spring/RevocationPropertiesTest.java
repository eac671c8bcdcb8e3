package dev.authkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code authkit.webhook-secret}, {@code authkit.inactivity-timeout} and {@code authkit.absolute-timeout}
 * in a real Spring Boot application (Tomcat on a random port, Spring Security, FakeWorkOS's clock):
 * a signed {@code session.revoked} webhook passes Spring Security's CSRF protection and signs the
 * session out; an idle session and a session older than the absolute limit are signed out at their
 * next request, one a minute within each limit is not. (The fake's clock follows real time between
 * its jumps, so the exact boundary is left to the core's own journey test with a stopped clock.)
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "authkit.webhook-secret=" + RevocationPropertiesTest.SECRET, "authkit.inactivity-timeout=30m",
        "authkit.absolute-timeout=1h"})
@AutoConfigureFakeWorkOS
class RevocationPropertiesTest {
    static final String SECRET = "whsec_spring_properties_secret";
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKit authKit;

    String cookie(String userId) {
        return "wos-session=" + fake.signIn(fake.user(userId).orElseThrow()).cookieValue(authKit.config().cookiePassword());
    }

    HttpResponse<String> me(String cookie) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/public/me"))
                .header("Accept", "application/json").header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session cookie the answer renewed, else the one sent. */
    static String renewed(HttpResponse<?> r, String sent) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wos-session=")).findFirst()
                .map(c -> c.substring(0, c.indexOf(';'))).orElse(sent);
    }

    @Test
    void theWebhookSecretPropertyTurnsOnTheReceiver() throws Exception {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        String cookie = "wos-session=" + s.cookieValue(authKit.config().cookiePassword());
        assertThat(me(cookie).body()).isEqualTo("me " + DemoData.ALICE);
        String event = "{\"id\":\"event_spring_1\",\"event\":\"session.revoked\",\"data\":{\"object\":\"session\",\"id\":\""
                + s.sessionId() + "\",\"user_id\":\"" + DemoData.ALICE + "\"}}";
        long t = fake.clock().millis();
        HttpResponse<String> received = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auth/webhooks/workos"))
                .POST(HttpRequest.BodyPublishers.ofString(event)).header("Content-Type", "application/json")
                .header("WorkOS-Signature", "t=" + t + ", v1=" + hmacHex(t + "." + event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
        assertThat(me(cookie).statusCode()).as("revoked").isEqualTo(401);
    }

    @Test
    void theInactivityTimeoutPropertySignsAnIdleSessionOut() throws Exception {
        String first = cookie(DemoData.BOB);
        String cookie = renewed(me(first), first);
        fake.clock().advance(Duration.ofMinutes(29));
        HttpResponse<String> within = me(cookie);
        assertThat(within.body()).as("idle 29 minutes").isEqualTo("me " + DemoData.BOB);
        cookie = renewed(within, cookie);
        fake.clock().advance(Duration.ofMinutes(31));
        assertThat(me(cookie).statusCode()).as("idle 31 minutes").isEqualTo(401);
    }

    @Test
    void theAbsoluteTimeoutPropertySignsAnOldSessionOut() throws Exception {
        String first = cookie(DemoData.CAROL);
        String cookie = renewed(me(first), first);
        for (int minutes : new int[] {20, 20, 19}) { // used every 20 minutes at most: never idle
            fake.clock().advance(Duration.ofMinutes(minutes));
            HttpResponse<String> r = me(cookie);
            assertThat(r.body()).isEqualTo("me " + DemoData.CAROL);
            cookie = renewed(r, cookie);
        }
        fake.clock().advance(Duration.ofMinutes(2));
        assertThat(me(cookie).statusCode()).as("signed in 61 minutes ago").isEqualTo(401);
    }

    static String hmacHex(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
