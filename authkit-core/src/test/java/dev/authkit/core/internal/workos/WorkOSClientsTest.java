package dev.authkit.core.internal.workos;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.workos.WorkOS;
import com.workos.common.http.RetryConfig;
import dev.authkit.core.AuthKitConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WorkOSClientsTest {
    @Test
    void theSdkClientCallsTheDerivedBaseUrlWithTheApiKey() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> seen = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            seen.add(exchange.getRequestMethod() + " " + path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            String json = path.startsWith("/sso/jwks/") ? "{\"keys\":[]}" : "{\"api_key\":null}";
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
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
            assertThat(seen.get(0)).startsWith("GET /sso/jwks/client_abc");
            // an authenticated call carries the configured API key, and only it
            assertThat(workos.getApiKeys().createValidation("sk_caller").getApiKey()).isNull();
            assertThat(seen.get(1)).isEqualTo("POST /api_keys/validations Bearer sk_test_key");
        } finally {
            server.stop(0);
        }
    }
}
