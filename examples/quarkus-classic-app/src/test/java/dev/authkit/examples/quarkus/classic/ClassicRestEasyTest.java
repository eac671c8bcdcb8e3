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

    private static void expect(List<String> failures, String what, HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            failures.add(what + ": expected " + status + ", got " + r.statusCode() + " " + r.body());
        }
        if (r.headers().allValues("Vary").stream().filter(v -> v.contains("Cookie")).count() > 1) {
            failures.add(what + ": Vary: Cookie twice");
        }
    }
}
