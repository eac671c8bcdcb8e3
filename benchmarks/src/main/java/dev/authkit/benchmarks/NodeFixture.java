package dev.authkit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.testkit.FakeWorkOS;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Input of the Node comparison ({@code benchmarks/node/nextjs-per-request.mjs}): a FakeWorkOS
 * session cookie sealed as authkit-nextjs seals it, its password, and the FakeWorkOS JWKS the
 * token verifies against. Usage: {@code NodeFixture <output.json>}.
 */
public final class NodeFixture {
    private NodeFixture() {
    }

    public static void main(String[] args) throws Exception {
        try (FakeWorkOS fake = Sessions.fake()) {
            String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(fake.baseUrl() + "/sso/jwks/" + fake.clientId())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            ObjectMapper json = new ObjectMapper();
            Files.writeString(Path.of(args[0]), json.writeValueAsString(Map.of(
                    "password", Sessions.PASSWORD,
                    "cookie", Sessions.newCookie(fake),
                    "jwks", json.readTree(jwks))));
        }
    }
}
