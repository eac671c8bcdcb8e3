package dev.authkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.WebhookEvent;
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
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FakeWorkOS sending signed session webhooks to an application on Jetty, which acts on them. */
class FakeWorkOSWebhookTest {
    private static final String PASSWORD = "fake-webhook-test-cookie-password-0123456789";
    private static final String SECRET = "whsec_fake_sends_these";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final List<WebhookEvent> RECEIVED = new CopyOnWriteArrayList<>();
    private static FakeWorkOS fake;
    private static Server server;
    private static String origin;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        connector.open();
        origin = "http://127.0.0.1:" + connector.getLocalPort();
        fake = FakeWorkOS.builder().withDemoData().webhook(origin + "/auth/webhooks/workos", SECRET).start();
        AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey())
                .cookiePassword(PASSWORD).redirectUri(origin + "/callback").apiBaseUrl(fake.baseUrl())
                .webhookSecret(SECRET).build();
        AuthKit authKit = AuthKit.builder(config).clock(fake.clock()).middlewareAuth(true).onWebhookEvent(RECEIVED::add).build();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new AuthKitFilter(authKit)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().write("user=" + ServletAuthKit.withAuth(req).userId().orElse("-"));
            }
        }), "/*");
        server.setHandler(context);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        fake.close();
    }

    static int page(IssuedSession s) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(origin + "/account")).header("Accept", "application/json")
                .header("Cookie", "wos-session=" + s.cookieValue(PASSWORD)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void theFakesSessionRevokedWebhookSignsTheSessionOut() throws Exception {
        IssuedSession s = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        IssuedSession other = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        assertThat(RECEIVED).extracting(WebhookEvent::event).containsExactly("session.created", "session.created");
        assertThat(RECEIVED.get(0).json()).contains(s.sessionId()).contains("\"object\":\"session\"");
        assertThat(page(s)).isEqualTo(200);
        fake.revokeSession(s.sessionId());
        assertThat(RECEIVED).extracting(WebhookEvent::event).endsWith("session.revoked");
        assertThat(page(s)).as("signed out at the next request").isEqualTo(401);
        assertThat(page(other)).isEqualTo(200);
        fake.revokeSession(s.sessionId()); // already revoked: no second event
        assertThat(fake.webhooksDelivered()).isEqualTo(3);
        assertThat(fake.webhooksFailed()).isZero();
    }
}
