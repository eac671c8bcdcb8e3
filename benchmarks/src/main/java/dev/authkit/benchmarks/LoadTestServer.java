package dev.authkit.benchmarks;

import dev.authkit.core.AuthKit;
import dev.authkit.servlet.AuthKitFilter;
import dev.authkit.testkit.FakeWorkOS;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The servlet filter's load test target: a hello-world servlet on Jetty 12, reachable at
 * {@code /hello} without authkit and at {@code /app/hello} behind {@link AuthKitFilter} (route
 * protection on, a signed-in cookie). Writes {@code port} and {@code cookie} (a FakeWorkOS session
 * of Alice's) into the directory given as the first argument, then serves until killed.
 * {@code benchmarks/run} drives it with wrk, the same {@code Cookie} header on both paths.
 */
public final class LoadTestServer {
    private LoadTestServer() {
    }

    /** Answers every request with a short text body. */
    static final class Hello extends HttpServlet {
        private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        FakeWorkOS fake = Sessions.fake();
        AuthKit authKit = Sessions.authKit(fake);
        String cookie = Sessions.newCookie(fake);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new Hello()), "/*");
        context.addFilter(new FilterHolder(new AuthKitFilter(authKit)), "/app/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();

        Files.writeString(out.resolve("cookie"), cookie);
        Files.writeString(out.resolve("port"), Integer.toString(connector.getLocalPort())); // written last: the ready signal
        server.join();
    }
}
