package dev.authkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real server on a random port under the context path {@code /app}: the redirect URI follows the
 * port, sign-in returns to the page, and error pages (an error dispatch) still know the user.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.servlet.context-path=/app")
@AutoConfigureFakeWorkOS
class RandomPortContextPathTest {
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void signInThroughTheFakeReturnsToThePage() throws Exception {
        fake.autoSignIn(fake.user(DemoData.ALICE).orElseThrow());
        HttpResponse<String> denied = get("/app/account", null);
        assertThat(denied.statusCode()).isEqualTo(307);
        HttpResponse<String> authorize = HTTP.send(HttpRequest.newBuilder(
                URI.create(denied.headers().firstValue("Location").orElseThrow())).build(), HttpResponse.BodyHandlers.ofString());
        String callback = authorize.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith("http://localhost:" + port + "/app/callback?");
        HttpResponse<String> signedIn = get(callback.substring(("http://localhost:" + port).length()), cookies(denied));
        assertThat(signedIn.headers().firstValue("Location")).contains("http://localhost:" + port + "/app/account");
        HttpResponse<String> account = get("/app/account", cookies(signedIn));
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).startsWith(DemoData.ALICE + " [ROLE_admin");
    }

    @Test
    void globsAndRoutesAreRelativeToTheContextPath() throws Exception {
        assertThat(get("/app/", null).body()).isEqualTo("home signed-out");
        assertThat(get("/app/auth/api/session", null).body()).isEqualTo("{\"signedIn\":false}");
    }

    @Test
    void errorPagesKnowTheSignedInUser() throws Exception {
        HttpResponse<String> error = get("/app/boom", sessions.cookieHeader(DemoData.ALICE), "application/json");
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(error.body()).contains("\"user\":\"" + DemoData.ALICE + "\"", "\"principal\":\"" + DemoData.ALICE + "\"");
        assertThat(error.headers().allValues("Vary")).containsExactly("Cookie");
    }

    @Test
    void anAnonymousErrorOnAPublicPageStaysAnError() throws Exception {
        HttpResponse<String> error = get("/app/public/boom", null, "application/json");
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(error.body()).contains("\"user\":\"none\"");
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        return get(path, cookie, "text/html");
    }

    HttpResponse<String> get(String path, String cookie, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept);
        if (cookie != null && !cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().map(c -> c.substring(0, c.indexOf(';')))
                .filter(pair -> !pair.endsWith("=")).collect(Collectors.joining("; "));
    }
}
