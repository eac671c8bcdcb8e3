package dev.authkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A foreign page cannot lock a signed-in user out: it may open {@code /auth/sign-in} in popups as
 * often as it likes, with the longest return paths, and what the browser keeps of it (replayed here
 * as a browser's cookie jar would: newest cookie last, deletions honoured) leaves the Cookie header
 * small and the session working on a real Jetty with its default 8 KiB header limit.
 */
class SignInLockoutTest {
    private static final String PASSWORD = "lockout-test-cookie-password-0123456789abc";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private static FakeWorkOS fake;
    private static Server server;
    private static String origin;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        connector.open();
        origin = "http://127.0.0.1:" + connector.getLocalPort();
        AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey())
                .cookiePassword(PASSWORD).redirectUri(origin + "/callback").apiBaseUrl(fake.baseUrl()).build();
        AuthKit authKit = AuthKit.builder(config).clock(fake.clock()).middlewareAuth(true).unauthenticatedPaths("/").build();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new AuthKitFilter(authKit)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new WhoServlet()), "/*");
        server.setHandler(context);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        fake.close();
    }

    static final class WhoServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("user=" + ServletAuthKit.withAuth(req).userId().orElse("-"));
        }
    }

    @Test
    void twentySignInStartsFromAForeignPageLeaveTheCookieHeaderSmallAndTheSessionWorking() throws Exception {
        Map<String, String> jar = new LinkedHashMap<>();
        jar.put("wos-session", fake.signIn(fake.user(DemoData.ALICE).orElseThrow()).cookieValue(PASSWORD));
        assertThat(get("/account", jar).body()).isEqualTo("user=" + DemoData.ALICE);
        int largest = 0;
        for (int i = 0; i < 20; i++) {
            // eight with a 1,000-byte return path, then shorter ones, as the attack did
            int length = i < 8 ? 1000 : 1000 - 40 * (i - 7);
            String returnTo = "/r" + i + "?" + "a".repeat(length - 4 - Integer.toString(i).length());
            HttpResponse<String> start = get("/auth/sign-in?returnTo=" + returnTo, jar);
            assertThat(start.statusCode()).as("sign-in start %d", i).isEqualTo(307);
            largest = Math.max(largest, cookieHeader(jar).getBytes(StandardCharsets.UTF_8).length);
        }
        assertThat(jar.keySet().stream().filter(n -> n.startsWith("wos-auth-verifier"))).isNotEmpty();
        assertThat(largest).as("the Cookie header after any of the starts").isLessThan(4096);
        System.out.println("20 sign-in starts: largest Cookie header " + largest + " bytes, "
                + jar.keySet().stream().filter(n -> n.startsWith("wos-auth-verifier")).count() + " verifier cookie(s) kept, "
                + "session cookie " + jar.get("wos-session").length() + " bytes");
        HttpResponse<String> page = get("/account", jar);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("user=" + DemoData.ALICE);
    }

    private static HttpResponse<String> get(String pathAndQuery, Map<String, String> jar) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + pathAndQuery)).GET()
                .header("Accept", "text/html").timeout(Duration.ofSeconds(30));
        if (!jar.isEmpty()) {
            b.header("Cookie", cookieHeader(jar));
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s answered %d", pathAndQuery.length() > 40 ? pathAndQuery.substring(0, 40) : pathAndQuery,
                r.statusCode()).isLessThan(400);
        for (String header : r.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                jar.remove(name);
            } else {
                jar.put(name, value); // a replaced cookie keeps its place, as browsers keep its creation time
            }
        }
        return r;
    }

    private static String cookieHeader(Map<String, String> jar) {
        StringBuilder s = new StringBuilder();
        jar.forEach((n, v) -> s.append(s.length() == 0 ? "" : "; ").append(n).append('=').append(v));
        return s.toString();
    }
}
