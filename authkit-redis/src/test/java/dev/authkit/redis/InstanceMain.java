package dev.authkit.redis;

import com.sun.net.httpserver.HttpServer;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.Outcome;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.core.SetCookie;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * One application instance in its own JVM, for the test that kills it: an HTTP server on a free
 * loopback port that runs every request through an AuthKit coordinated by Redis, answers 200 with
 * {@code signed-in} or {@code signed-out} and the Set-Cookie headers. Prints {@code LISTENING <port>}, and
 * {@code EXCHANGING} whenever it holds a refresh lock and calls WorkOS.
 *
 * <p>Arguments: FakeWorkOS base URL, client id, API key, cookie password, redirect URI, Redis URI,
 * lock TTL in milliseconds. Exits when its standard input closes, so it never outlives the test JVM.
 */
public final class InstanceMain {
    private InstanceMain() {
    }

    public static void main(String[] args) throws IOException {
        AuthKitConfig config = AuthKitConfig.builder().apiBaseUrl(args[0]).clientId(args[1]).apiKey(args[2])
                .cookiePassword(args[3]).redirectUri(args[4]).build();
        RedisRefreshCoordination redis = RedisRefreshCoordination.builder(args[5])
                .lockTtl(Duration.ofMillis(Long.parseLong(args[6]))).build();
        // tells the test the moment this instance holds the lock and starts its WorkOS call
        RefreshCoordination announcing = (key, grace, exchange) -> redis.refresh(key, grace, () -> {
            System.out.println("EXCHANGING");
            System.out.flush();
            return exchange.get();
        });
        AuthKit authKit = AuthKit.builder(config).refreshCoordination(announcing).build();
        // ready when connected, as a real instance would be before its load balancer sends it traffic
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!redis.isConnected() && System.nanoTime() < deadline) {
            RedisServer.sleep(Duration.ofMillis(20));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String url = "http://app.test" + exchange.getRequestURI();
            AuthKitRequest request = new AuthKitRequest() {
                @Override
                public String method() {
                    return exchange.getRequestMethod();
                }

                @Override
                public String url() {
                    return url;
                }

                @Override
                public List<String> headers(String name) {
                    List<String> values = exchange.getRequestHeaders().get(name);
                    return values == null ? List.of() : values;
                }
            };
            Outcome outcome = authKit.handle(request);
            for (SetCookie c : outcome.cookies()) {
                exchange.getResponseHeaders().add("Set-Cookie", c.headerValue());
            }
            boolean signedIn = outcome instanceof Outcome.Continue c && c.auth().isSignedIn();
            byte[] body = (signedIn ? "signed-in" : "signed-out").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("LISTENING " + server.getAddress().getPort());
        System.out.flush();
        // never outlive the test: when its end of our stdin closes (it finished or died), stop
        while (System.in.read() >= 0) {
            // nothing is sent; wait for the end
        }
        Runtime.getRuntime().halt(0);
    }
}
