package dev.authkit.interop.nextjs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.CookieSealer;
import dev.authkit.servlet.AuthKitFilter;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.FakeWorkOS;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Next.js app with {@code @workos-inc/authkit-nextjs} 4.3 and a Java app with the servlet
 * adapter, on two ports of {@code localhost} (one cookie domain) with one cookie password, against
 * one FakeWorkOS that issues real-time access tokens eight seconds long (long enough for a busy
 * machine to make two requests within one). A session begun on either side is signed in on the
 * other, a refresh on either side is accepted by the other without a second refresh, and signing
 * out on either side signs out both.
 *
 * <p>The wait for a token to expire is real time: both apps verify tokens with the system clock,
 * which is the point of the test.
 */
class NextjsInteropTest {
    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(8);
    static final String PASSWORD = "interop-test-cookie-password-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    static FakeWorkOS fake;
    static Server javaServer;
    static String javaOrigin;
    static NextjsApp next;

    @BeforeAll
    static void start() throws Exception {
        int javaPort = NextjsApp.freePort();
        int nextPort = NextjsApp.freePort();
        javaOrigin = "http://localhost:" + javaPort;
        String nextOrigin = "http://localhost:" + nextPort;
        fake = FakeWorkOS.builder().withDemoData().accessTokenLifetime(TOKEN_LIFETIME)
                .redirectUri(javaOrigin + "/callback").redirectUri(nextOrigin + "/callback").start();

        Map<String, String> javaEnv = new LinkedHashMap<>(fake.environment());
        javaEnv.put(AuthKitConfig.COOKIE_PASSWORD, PASSWORD);
        javaEnv.put(AuthKitConfig.REDIRECT_URI, javaOrigin + "/callback");
        // refresh when the token has expired, as the Next.js app is told to (refreshBufferSeconds: 0)
        AuthKit authKit = AuthKit.builder(AuthKitConfig.fromMap(javaEnv)).refreshBuffer(Duration.ZERO).build();
        javaServer = new Server();
        ServerConnector connector = new ServerConnector(javaServer);
        connector.setHost("localhost");
        connector.setPort(javaPort);
        javaServer.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new AuthKitFilter(authKit)), "/*", EnumSet.of(DispatcherType.REQUEST));
        javaServer.setHandler(context);
        javaServer.start();

        Map<String, String> nextEnv = new LinkedHashMap<>(fake.environment());
        nextEnv.put("WORKOS_COOKIE_PASSWORD", PASSWORD);
        nextEnv.put("NEXT_PUBLIC_WORKOS_REDIRECT_URI", nextOrigin + "/callback");
        next = NextjsApp.start(nextPort, nextEnv);
        warmUp();
    }

    @AfterAll
    static void stop() throws Exception {
        if (next != null) {
            next.close();
        }
        if (javaServer != null) {
            javaServer.stop();
        }
        if (fake != null) {
            fake.close();
        }
    }

    /**
     * Before the clock matters: one sign-in on each side in a browser of its own, so each app has
     * loaded its WorkOS SDK, fetched the keys and (Next.js) compiled its routes. On a busy machine
     * the first of each takes longer than a token lives.
     */
    private static void warmUp() throws Exception {
        CookieBrowser warm = new CookieBrowser();
        fake.autoSignIn(fake.user(DemoData.CAROL).orElseThrow());
        warm.get(javaOrigin + "/auth/sign-in");
        assertThat(JSON.readTree(warm.get(next.origin + "/me").body()).get("user").get("email").asText())
                .isEqualTo("carol@example.com");
        warm.get(next.origin + "/sign-out");
        warm.get(next.origin + "/sign-in");
        assertThat(JSON.readTree(warm.get(javaOrigin + "/auth/api/auth").body()).get("user").get("email").asText())
                .isEqualTo("carol@example.com");
    }

    @Test
    void oneSessionAcrossJavaAndNextjs() throws Exception {
        CookieBrowser browser = new CookieBrowser();

        // sign in on the Java side: Next.js sees the same user and session
        fake.autoSignIn(fake.user(DemoData.ALICE).orElseThrow());
        browser.get(javaOrigin + "/auth/sign-in");
        long refreshes = fake.refreshCalls();
        JsonNode onJava = javaAuth(browser);
        assertThat(onJava.get("user").get("email").asText()).isEqualTo("alice@example.com");
        JsonNode onNext = nextAuth(browser);
        assertThat(onNext.get("user").get("email").asText()).as("Next.js reads Java's cookie").isEqualTo("alice@example.com");
        assertThat(onNext.get("user").get("name").asText()).isEqualTo(onJava.get("user").get("name").asText());
        assertThat(onNext.get("sessionId").asText()).isEqualTo(onJava.get("sessionId").asText());
        assertThat(fake.refreshCalls()).as(NextjsInteropTest::whoRefreshed).isEqualTo(refreshes);

        // the token expires; Java refreshes, and Next.js takes Java's new token without refreshing again
        awaitExpiry(browser);
        javaAuth(browser);
        assertThat(fake.refreshCalls()).as("Java refreshed").isEqualTo(refreshes + 1);
        String javaSealed = browser.cookie("wos-session").orElseThrow();
        onNext = nextAuth(browser);
        assertThat(onNext.get("accessToken").asText()).isEqualTo(accessTokenIn(javaSealed));
        assertThat(fake.refreshCalls()).as(() -> "Next.js accepted Java's refresh\n" + whoRefreshed())
                .isEqualTo(refreshes + 1);

        // the token expires again; Next.js refreshes, and Java takes its new token
        awaitExpiry(browser);
        onNext = nextAuth(browser);
        assertThat(fake.refreshCalls()).as("Next.js refreshed").isEqualTo(refreshes + 2);
        String nextSealed = browser.cookie("wos-session").orElseThrow();
        assertThat(onNext.get("accessToken").asText()).isEqualTo(accessTokenIn(nextSealed));
        onJava = javaAuth(browser);
        assertThat(onJava.get("user").get("email").asText()).isEqualTo("alice@example.com");
        assertThat(browser.cookie("wos-session")).as("Java kept Next.js's cookie").contains(nextSealed);
        assertThat(fake.refreshCalls()).as(() -> "Java accepted Next.js's refresh\n" + whoRefreshed())
                .isEqualTo(refreshes + 2);
        assertSameSessionShape(javaSealed, nextSealed);

        // sign out on the Next.js side: Java is signed out too
        browser.get(next.origin + "/sign-out");
        assertThat(browser.cookie("wos-session")).isEmpty();
        assertThat(javaAuth(browser).get("user").isNull()).isTrue();
        assertThat(fake.isSessionActive(onJava.get("sessionId").asText())).isFalse();

        // sign in on the Next.js side: Java sees the same user and session
        fake.autoSignIn(fake.user(DemoData.BOB).orElseThrow());
        onNext = JSON.readTree(browser.get(next.origin + "/sign-in").body());
        assertThat(onNext.get("user").get("email").asText()).isEqualTo("bob@example.com");
        onJava = javaAuth(browser);
        assertThat(onJava.get("user").get("email").asText()).as("Java reads Next.js's cookie").isEqualTo("bob@example.com");
        assertThat(onJava.get("sessionId").asText()).isEqualTo(onNext.get("sessionId").asText());

        // sign out on the Java side: Next.js is signed out too
        HttpResponse<String> out = browser.post(javaOrigin + "/auth/sign-out");
        assertThat(out.statusCode()).as(out.body()).isLessThan(400);
        assertThat(browser.cookie("wos-session")).isEmpty();
        assertThat(nextAuth(browser).get("user").isNull()).isTrue();
        assertThat(fake.isSessionActive(onNext.get("sessionId").asText())).isFalse();
    }

    /** For failure messages: which client called the token endpoint (by User-Agent), and Next.js's log. */
    private static String whoRefreshed() {
        return "now " + Instant.now() + "\n" + fake.requests().stream()
                .map(r -> r.receivedAt() + " " + r.method() + " " + r.path() + " " + r.grantType().orElse("") + " from "
                        + r.headers().getOrDefault("user-agent", List.of()))
                .collect(Collectors.joining("\n")) + "\n" + next.log();
    }

    /** Both cookies hold the same fields with the same values, tokens apart. */
    private static void assertSameSessionShape(String javaSealed, String nextSealed) throws Exception {
        JsonNode java = unseal(javaSealed);
        JsonNode next = unseal(nextSealed);
        assertThat(iterable(java)).as("fields of the cookie").containsExactlyInAnyOrderElementsOf(iterable(next));
        assertThat(java.get("user")).as("the user in the cookie").isEqualTo(next.get("user"));
        assertThat(java.get("authenticationMethod")).isEqualTo(next.get("authenticationMethod"));
    }

    private static Iterable<String> iterable(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JsonNode javaAuth(CookieBrowser browser) throws Exception {
        HttpResponse<String> r = browser.get(javaOrigin + "/auth/api/auth");
        assertThat(r.statusCode()).as(r.body()).isIn(200, 401);
        return JSON.readTree(r.body());
    }

    private JsonNode nextAuth(CookieBrowser browser) throws Exception {
        HttpResponse<String> r = browser.get(next.origin + "/me");
        assertThat(r.statusCode()).as(() -> r.body() + "\n" + next.log()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode unseal(String sealed) throws Exception {
        return JSON.readTree(CookieSealer.iron(PASSWORD).unseal(sealed).orElseThrow());
    }

    private static String accessTokenIn(String sealed) throws Exception {
        return unseal(sealed).get("accessToken").asText();
    }

    /** Waits (real time: both apps read the system clock) until the session's access token has expired. */
    private static void awaitExpiry(CookieBrowser browser) throws Exception {
        String token = accessTokenIn(browser.cookie("wos-session").orElseThrow());
        long exp = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("exp").asLong();
        Instant expired = Instant.ofEpochSecond(exp).plusMillis(200);
        while (Instant.now().isBefore(expired)) {
            Thread.sleep(Math.max(1, Duration.between(Instant.now(), expired).toMillis()));
        }
    }
}
