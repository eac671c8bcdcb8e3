package dev.authkit.testkit.internal;

import dev.authkit.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options of one started FakeWorkOS, fixed at start, shared by its handlers and stores.
 *
 * @param clientId            the client id the fake accepts
 * @param apiKey              the API key the fake expects as client secret and bearer token
 * @param baseUrl             {@code http://127.0.0.1:<port>}, the issuer of its access tokens
 * @param accessTokenLifetime how long access tokens live
 * @param clock               where time comes from
 * @param clockStart          the clock's time at start (organizations' {@code created_at}, and where
 *                            {@code reset()} puts a stopped clock back)
 * @param redirectUris        registered redirect URIs; empty for "any loopback URI"
 */
public record FakeSettings(String clientId, String apiKey, String baseUrl, Duration accessTokenLifetime,
                           FakeClock clock, Instant clockStart, List<String> redirectUris) {
    public FakeSettings {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(clockStart, "clockStart");
        redirectUris = List.copyOf(redirectUris);
    }

    /**
     * The {@code WORKOS_*} variables that point an application at a fake listening on
     * {@code port} of 127.0.0.1 over plain HTTP, in the order a person would write them.
     */
    public Map<String, String> environment(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WORKOS_CLIENT_ID", clientId);
        env.put("WORKOS_API_KEY", apiKey);
        env.put("WORKOS_API_HOSTNAME", "127.0.0.1");
        env.put("WORKOS_API_HTTPS", "false");
        env.put("WORKOS_API_PORT", Integer.toString(port));
        return env;
    }
}
