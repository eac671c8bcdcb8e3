package dev.authkit.examples.quarkus.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authkit.quarkus.test.FakeWorkOSTestResource;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** On classic RESTEasy: each annotation refuses the signed-out page and script, the wrong user, and lets the right one in. */
@QuarkusTest
@QuarkusTestResource(FakeWorkOSTestResource.class)
class ClassicRestEasyTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PAGE = "text/html,application/xhtml+xml,*/*;q=0.8";

    FakeWorkOS fake;

    private String cookie(String userId) {
        return "wos-session=" + fake.signIn(fake.user(userId).orElseThrow())
                .cookieValue(ConfigProvider.getConfig().getValue("WORKOS_COOKIE_PASSWORD", String.class));
    }

    private static HttpResponse<String> get(String path, String... headers) {
        String base = "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void eachAnnotationRefusesWhomItShouldAndLetsTheRightUserIn() {
        List<String> failures = new ArrayList<>();
        Map<String, String> wrongUser = Map.of("/account", "", "/admin", DemoData.BOB, "/posts/new", DemoData.BOB);
        for (String path : List.of("/account", "/admin", "/posts/new")) {
            HttpResponse<String> page = get(path, "Accept", PAGE);
            expect(failures, path + " page signed out", page, 307);
            if (!page.headers().firstValue("Location").orElse("").startsWith(fake.baseUrl() + "/user_management/authorize?")) {
                failures.add(path + " page went to " + page.headers().firstValue("Location"));
            }
            expect(failures, path + " script signed out", get(path, "Accept", "*/*"), 401);
            if (!wrongUser.get(path).isEmpty()) {
                expect(failures, path + " wrong user", get(path, "Accept", "*/*", "Cookie", cookie(wrongUser.get(path))), 403);
            }
            HttpResponse<String> right = get(path, "Cookie", cookie(DemoData.ALICE));
            expect(failures, path + " right user", right, 200);
            if (!right.body().endsWith(DemoData.ALICE)) {
                failures.add(path + " right user saw " + right.body());
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(DemoData.ALICE, get("/whoami", "Cookie", cookie(DemoData.ALICE)).body());
        assertEquals("signed out", get("/whoami").body());
    }

    /** The JAX-RS adapter hands the entity to the webhook receiver on classic RESTEasy too. */
    @Test
    void aSignedSessionRevokedWebhookSignsTheSessionOut() throws Exception {
        dev.authkit.testkit.IssuedSession s = fake.signIn(fake.user(DemoData.BOB).orElseThrow());
        String cookie = "wos-session=" + s.cookieValue(ConfigProvider.getConfig().getValue("WORKOS_COOKIE_PASSWORD", String.class));
        assertEquals(200, get("/account", "Cookie", cookie).statusCode());
        String secret = ConfigProvider.getConfig().getValue("authkit.webhook-secret", String.class);
        String event = "{\"id\":\"event_classic_1\",\"event\":\"session.revoked\",\"data\":{\"object\":\"session\",\"id\":\""
                + s.sessionId() + "\",\"user_id\":\"" + DemoData.BOB + "\"}}";
        long t = fake.clock().millis();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + event).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String base = "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/auth/webhooks/workos"))
                .POST(HttpRequest.BodyPublishers.ofString(event)).header("Content-Type", "application/json")
                .header("WorkOS-Signature", "t=" + t + ", v1=" + v1.replace('a', 'b').replace('0', '1')).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, forged.statusCode(), forged.body());
        assertEquals(200, get("/account", "Cookie", cookie).statusCode(), "a forged event changes nothing");
        HttpResponse<String> signed = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/auth/webhooks/workos"))
                .POST(HttpRequest.BodyPublishers.ofString(event)).header("Content-Type", "application/json")
                .header("WorkOS-Signature", "t=" + t + ", v1=" + v1).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signed.statusCode(), signed.body());
        assertEquals(401, get("/account", "Cookie", cookie, "Accept", "*/*").statusCode(), "the revoked session is signed out");
    }

    private static void expect(List<String> failures, String what, HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            failures.add(what + ": expected " + status + ", got " + r.statusCode() + " " + r.body());
        }
        if (r.headers().allValues("Vary").stream().filter(v -> v.contains("Cookie")).count() > 1) {
            failures.add(what + ": Vary: Cookie twice");
        }
    }
}
