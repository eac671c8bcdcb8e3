package dev.authkit.examples.custom;

import com.sun.net.httpserver.HttpServer;
import dev.authkit.core.AccessRule;
import dev.authkit.core.AuthKit;
import dev.authkit.testkit.conformance.AdapterConformanceSuite;
import dev.authkit.testkit.conformance.ConformanceEcho;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;

/** The custom adapter proves itself with the same suite as authkit's own adapters. */
class JdkHttpServerConformanceTest extends AdapterConformanceSuite {
    @Override
    protected RunningApp start(int port, AuthKit authKit) throws Exception {
        return startUnder(port, "", authKit);
    }

    /** The JDK server's context path is the base path; the adapter reports it as {@code contextPath()}. */
    @Override
    protected RunningApp startUnder(int port, String basePath, AuthKit authKit) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        AuthKitHttpHandler[] handler = new AuthKitHttpHandler[1];
        handler[0] = new AuthKitHttpHandler(authKit, (exchange, auth, headers) -> {
            // the guarded endpoints: the adapter's guard, before the application acts
            Optional<AccessRule> rule = ConformanceEcho.guardOf(exchange.getRequestURI().getRawPath());
            if (rule.isPresent() && !handler[0].authorize(exchange, auth, rule.get())) {
                return;
            }
            byte[] body = ConformanceEcho.render(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), auth,
                    auth.userId(), auth.hasRole("admin"), headers).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.createContext(basePath.isEmpty() ? "/" : basePath, handler[0]);
        server.start();
        return () -> server.stop(0);
    }
}
