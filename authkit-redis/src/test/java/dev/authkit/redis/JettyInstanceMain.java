package dev.authkit.redis;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.servlet.AuthKitFilter;
import dev.authkit.servlet.ServletAuthKit;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One application instance in its own JVM, as deployed: {@link AuthKitFilter} on embedded Jetty 12
 * (ee10), the revocation list in Redis ({@link RedisRevocationList}), the webhook receiver on with
 * the given secret, WorkOS at the given base URL. Every page answers 200 with {@code user=<id>} or
 * {@code user=-}. Prints {@code LISTENING <port>} once Redis is connected and Jetty serves.
 *
 * <p>Arguments: FakeWorkOS base URL, client id, API key, cookie password, redirect URI, Redis URI,
 * webhook secret, port (0 for any free one). Exits when its standard input closes, so it never
 * outlives the test JVM, even one that was killed.
 */
public final class JettyInstanceMain {
    private JettyInstanceMain() {
    }

    public static void main(String[] args) throws Exception {
        AuthKitConfig config = AuthKitConfig.builder().apiBaseUrl(args[0]).clientId(args[1]).apiKey(args[2])
                .cookiePassword(args[3]).redirectUri(args[4]).webhookSecret(args[6]).build();
        RedisRevocationList revocations = RedisRevocationList.create(args[5]);
        // ready when connected, as a real instance would be before its load balancer sends it traffic
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!revocations.isConnected() && System.nanoTime() < deadline) {
            RedisServer.sleep(Duration.ofMillis(20));
        }
        AuthKit authKit = AuthKit.builder(config).revocationList(revocations).build();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[7]));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new AuthKitFilter(authKit)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain");
                resp.getWriter().write("user=" + ServletAuthKit.withAuth(req).userId().orElse("-"));
            }
        }), "/*");
        server.setHandler(context);
        server.start();
        System.out.println("LISTENING " + connector.getLocalPort());
        System.out.flush();
        // never outlive the test: when its end of our stdin closes (it finished or died), stop
        while (System.in.read() >= 0) {
            // nothing is sent; wait for the end
        }
        Runtime.getRuntime().halt(0);
    }
}
