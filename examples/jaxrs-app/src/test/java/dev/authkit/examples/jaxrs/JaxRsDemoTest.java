package dev.authkit.examples.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.FakeWorkOS;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JAX-RS demo as README runs it (no WORKOS_* variables: embedded FakeWorkOS), over HTTP. */
class JaxRsDemoTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    JaxRsDemo demo;
    FakeWorkOS fake;
    String base;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://localhost:" + port;
        demo = JaxRsDemo.start(port, Map.of());
        fake = demo.local().fake().orElseThrow();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in through the hosted page and returns the session cookie pair. */
    String signIn(String userId) throws Exception {
        HttpResponse<String> start = get(base + "/auth/sign-in?returnTo=/me");
        String verifier = start.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wos-auth-verifier-"))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        String page = get(start.headers().firstValue("Location").orElseThrow()).body();
        String link = page.replaceAll("(?s).*id=\"sign-in-" + userId + "\" href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        String callback = get(fake.baseUrl() + link).headers().firstValue("Location").orElseThrow();
        HttpResponse<String> back = get(callback, "Cookie", verifier);
        assertThat(back.headers().firstValue("Location")).contains(base + "/me");
        String session = back.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wos-session=")).findFirst().orElseThrow();
        return session.substring(0, session.indexOf(';'));
    }

    @Test
    void publicSignedInAdminPermissionAndBearer() throws Exception {
        assertThat(get(base + "/").body()).contains("You are not signed in");
        assertThat(get(base + "/me", "Accept", "text/html").statusCode()).isEqualTo(307);

        String alice = signIn(DemoData.ALICE);
        assertThat(get(base + "/me", "Cookie", alice).body()).contains(DemoData.ALICE).contains(DemoData.ACME);
        assertThat(get(base + "/admin", "Cookie", alice).body()).contains("admin area");
        assertThat(get(base + "/posts/new", "Cookie", alice).statusCode()).isEqualTo(200);

        String bob = signIn(DemoData.BOB);
        assertThat(get(base + "/admin", "Cookie", bob).statusCode()).isEqualTo(403);
        assertThat(get(base + "/posts/new", "Cookie", bob).statusCode()).isEqualTo(403);

        String token = get(base + "/auth/api/access-token", "Cookie", bob).body()
                .replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
        assertThat(get(base + "/api/posts", "Authorization", "Bearer " + token).body()).contains("bearer-token API");
        assertThat(get(base + "/api/posts").statusCode()).isEqualTo(401);
        assertThat(get(base + "/api/posts", "Authorization", "Bearer nope").headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void meIsValidJsonWhateverTheRoleHolds() throws Exception {
        var user = fake.addUser("quote@example.com");
        String role = "o\"brien\\ \u2028</script>";
        fake.addMembership(user, fake.organization(DemoData.ACME).orElseThrow(), role);
        String cookie = signIn(user.id());
        JsonNode me = new ObjectMapper().readTree(get(base + "/me", "Cookie", cookie).body());
        assertThat(me.get("user").asText()).isEqualTo(user.id());
        assertThat(me.get("role").asText()).isEqualTo(role);
        assertThat(new ObjectMapper().readTree(get(base + "/api/posts", "Authorization", "Bearer "
                + fake.signIn(fake.user(DemoData.ALICE).orElseThrow()).accessToken()).body()).get(0).get("id").asInt()).isEqualTo(1);
    }

    @Test
    void theHomePageShowsTheSignedInStateAndSignsOutWithAPostForm() throws Exception {
        String home = get(base + "/").body();
        assertThat(home).contains("You are not signed in", "id=\"sign-in\"").doesNotContain("id=\"sign-out\"");

        String alice = signIn(DemoData.ALICE);
        String signedIn = get(base + "/", "Cookie", alice).body();
        assertThat(signedIn).contains("Signed in as alice@example.com", "id=\"sign-out\"").doesNotContain("id=\"sign-in\"");
        String action = signedIn.replaceAll("(?s).*<form method=\"post\" action=\"([^\"]+)\">.*", "$1");

        // what the browser sends for the form: a same-origin POST
        HttpResponse<String> out = HTTP.send(HttpRequest.newBuilder(URI.create(base + action))
                .header("Cookie", alice).header("Origin", base).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).as(out.body()).isIn(302, 303, 307);
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("wos-session=") && c.contains("Max-Age=0"));
        String logout = out.headers().firstValue("Location").orElseThrow();
        assertThat(logout).startsWith(fake.baseUrl());
        assertThat(get(logout).headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith(base + "/"));
        assertThat(fake.isSessionActive(fake.requests(Endpoint.LOGOUT).get(0).query().get("session_id"))).isFalse();
    }

    @Test
    void jerseyStartsWithoutWarnings() throws Exception {
        // the demo of @BeforeEach started under the handler installed before any start in this class
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        JaxRsDemo other = JaxRsDemo.start(port, Map.of());
        try {
            assertThat(get("http://localhost:" + port + "/").statusCode()).isEqualTo(200);
        } finally {
            other.close();
        }
        assertThat(JERSEY_WARNINGS).extracting(LogRecord::getMessage).isEmpty();
    }

    /** Jersey's and Grizzly's warnings, collected from before the first demo of this class starts. */
    static final List<LogRecord> JERSEY_WARNINGS = new CopyOnWriteArrayList<>();
    static final Logger GLASSFISH = Logger.getLogger("org.glassfish");

    @BeforeAll
    static void collectJerseyWarnings() {
        GLASSFISH.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    JERSEY_WARNINGS.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }
}
