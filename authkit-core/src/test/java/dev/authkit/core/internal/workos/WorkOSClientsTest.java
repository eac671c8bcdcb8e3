package dev.authkit.core.internal.workos;

import dev.authkit.core.internal.workos.WorkOSClients;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.workos.WorkOS;
import com.workos.common.http.RetryConfig;
import dev.authkit.core.AuthKitConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkOSClientsTest {
    @Test
    void theSdkClientCallsTheDerivedBaseUrlWithTheApiKey() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> seen = new AtomicReference<>();
        server.createContext("/", exchange -> {
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            AuthKitConfig config = AuthKitConfig.builder().clientId("client_abc").apiKey("sk_test_key")
                    .cookiePassword("x".repeat(32)).redirectUri("http://localhost/callback")
                    .apiHostname("127.0.0.1").apiHttps(false).apiPort(server.getAddress().getPort()).build();
            WorkOS workos = WorkOSClients.create(config, RetryConfig.DISABLED);
            assertThat(workos.apiBaseUrl).isEqualTo(config.apiBaseUrl().toString());
            assertThat(workos.clientId).isEqualTo("client_abc");
            assertThat(workos.getUserManagement().getJwks("client_abc").getKeys()).isEmpty();
            assertThat(seen.get()).startsWith("GET /sso/jwks/client_abc");
        } finally {
            server.stop(0);
        }
    }
}
