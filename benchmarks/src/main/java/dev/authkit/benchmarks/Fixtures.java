package dev.authkit.benchmarks;

import dev.authkit.core.AuthKitRequest;
import java.util.List;
import java.util.Map;

/** Shared inputs of the benchmarks. */
final class Fixtures {
    private Fixtures() {
    }

    /** A session as authkit-nextjs seals it, with a realistic access token length (about 1.3 KiB of JSON). */
    static String sessionJson() {
        String token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImtleV8xIiwidHlwIjoiSldUIn0." + "x".repeat(700) + "." + "s".repeat(342);
        return "{\"accessToken\":\"" + token + "\",\"refreshToken\":\"rt_2bJm8kP0qLw9ZxV3nY7cH1sD4fG6\",\"user\":{"
                + "\"object\":\"user\",\"id\":\"user_01HXYZABCDEF\",\"email\":\"alice@example.com\",\"emailVerified\":true,"
                + "\"firstName\":\"Alice\",\"lastName\":\"Anders\",\"profilePictureUrl\":null,\"lastSignInAt\":\"2026-11-27T05:00:00Z\","
                + "\"locale\":null,\"createdAt\":\"2024-01-01T00:00:00Z\",\"updatedAt\":\"2024-01-01T00:00:00Z\","
                + "\"externalId\":null,\"metadata\":{\"team\":\"platform\"}},\"authenticationMethod\":\"Password\"}";
    }

    /** A request as an adapter hands it to the core. */
    record Request(String method, String url, Map<String, List<String>> headers) implements AuthKitRequest {
        @Override
        public List<String> headers(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return List.of();
        }
    }
}
