package dev.authkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revocation and the session limits configured as {@code web.xml} would, on Jetty: the webhook
 * secret, {@code AUTHKIT_INACTIVITY_TIMEOUT} and {@code absoluteTimeout} as init parameters of a
 * filter built by its no-argument constructor; and the names refused with messages that say which.
 */
class RevocationSettingsTest {
    static final String PASSWORD = "servlet-revocation-settings-password-0123456789";
    static final String SECRET = "whsec_servlet_init_parameter_secret";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    FakeWorkOS fake;
    Server server;
    String base;

    @BeforeEach
    void start() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        FilterHolder filter = new FilterHolder(AuthKitFilter.class); // as web.xml does
        fake.environment().forEach(filter::setInitParameter);
        filter.setInitParameter("WORKOS_COOKIE_PASSWORD", PASSWORD);
        filter.setInitParameter("WORKOS_REDIRECT_URI", "http://127.0.0.1/callback");
        filter.setInitParameter("WORKOS_WEBHOOK_SECRET", SECRET);
        filter.setInitParameter("middlewareAuth", "true");
        filter.setInitParameter("AUTHKIT_INACTIVITY_TIMEOUT", "2s");
        filter.setInitParameter("absoluteTimeout", "12h");
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().write("user=" + req.getRemoteUser());
            }
        }), "/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        fake.close();
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String cookie) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/protected")).header("Cookie", cookie).header("Accept", "application/json"));
    }

    static String sessionCookieOf(HttpResponse<?> r, String previous) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wos-session=")).findFirst()
                .map(c -> c.substring(0, c.indexOf(';'))).orElse(previous);
    }

    @Test
    void theWebhookSecretInitParameterTurnsOnTheReceiver() throws Exception {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        String cookie = "wos-session=" + s.cookieValue(PASSWORD);
        assertThat(get(cookie).body()).isEqualTo("user=" + DemoData.ALICE);
        String event = "{\"id\":\"event_servlet_1\",\"event\":\"session.revoked\",\"data\":{\"object\":\"session\",\"id\":\""
                + s.sessionId() + "\",\"user_id\":\"" + DemoData.ALICE + "\"}}";
        long t = System.currentTimeMillis(); // the filter built from init parameters runs on the system clock
        HttpResponse<String> received = send(HttpRequest.newBuilder(URI.create(base + "/auth/webhooks/workos"))
                .POST(HttpRequest.BodyPublishers.ofString(event)).header("Content-Type", "application/json")
                .header("WorkOS-Signature", "t=" + t + ", v1=" + hmacHex(SECRET, t + "." + event)));
        assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
        assertThat(get(cookie).statusCode()).as("revoked").isEqualTo(401);
    }

    /** A session first seen now (its cookie carries no times yet) is adopted, then signed out once idle over 2 s. */
    @Test
    void theInactivityTimeoutInitParameterSignsAnIdleSessionOut() throws Exception {
        String cookie = "wos-session=" + fake.signIn(fake.user(DemoData.BOB).orElseThrow()).cookieValue(PASSWORD);
        HttpResponse<String> first = get(cookie);
        assertThat(first.body()).isEqualTo("user=" + DemoData.BOB);
        String stamped = sessionCookieOf(first, cookie);
        assertThat(stamped).as("the session is stamped with its sign-in and last-seen times").isNotEqualTo(cookie);
        Thread.sleep(3_200); // idle longer than the 2 s limit (stamps are whole seconds)
        HttpResponse<String> idle = get(stamped);
        assertThat(idle.statusCode()).as(idle.body()).isEqualTo(401);
    }

    @Test
    void badLimitsAndARevocationListWithoutAuthkitRedisAreRefusedByName() {
        Map<String, String> env = new HashMap<>(fake.environment());
        env.put("WORKOS_COOKIE_PASSWORD", PASSWORD);
        env.put("WORKOS_REDIRECT_URI", "http://localhost/callback");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of("absoluteTimeout", "0s")))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("absoluteTimeout");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of("AUTHKIT_ABSOLUTE_TIMEOUT", "soon")))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("AUTHKIT_ABSOLUTE_TIMEOUT");
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of("AUTHKIT_REVOCATION_LIST_URI", "redis://:s3cret@localhost:6379")))
                .isInstanceOf(AuthKitConfigException.class).hasMessageContaining("revocation list")
                .hasMessageContaining("dev.authkit:authkit-redis").hasMessageNotContaining("s3cret");
        env.put("AUTHKIT_INACTIVITY_TIMEOUT", "1m");
        assertThat(FilterSettings.from(env, Map.of("AUTHKIT_REVOCATION_LIST_URI", " ")).revocationList()).isEmpty();
        assertThatThrownBy(() -> FilterSettings.from(env, Map.of("inactivityTimeout", "30")))
                .as("the init parameter wins over the variable").isInstanceOf(AuthKitConfigException.class)
                .hasMessageContaining("inactivityTimeout must be");
    }

    static String hmacHex(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
