package dev.authkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /api_keys/validations} ({@code {"value": "sk_..."}}): WorkOS's check of an API key a
 * machine client presents. Answers {@code {"api_key": {...}}} for a key seeded with
 * {@link #add}, {@code {"api_key": null}} for any other value, and 401 without FakeWorkOS's own
 * API key in {@code Authorization}. Keys are kept by value; thread-safe.
 */
public final class ApiKeyValidations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One seeded key. */
    private record Key(String id, String name, String organizationId, List<String> permissions, Instant createdAt) {
    }

    private final Map<String, Key> byValue = new ConcurrentHashMap<>();

    /**
     * Seeds an organization API key and returns its secret value ({@code sk_test_...}), the string a
     * machine client sends as {@code Authorization: Bearer <value>}.
     */
    public String add(String organizationId, String name, List<String> permissions, Instant now) {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String value = "sk_test_" + HexFormat.of().formatHex(bytes);
        byValue.put(value, new Key("api_key_" + HexFormat.of().formatHex(bytes, 0, 10), name, organizationId,
                List.copyOf(permissions), now));
        return value;
    }

    public void clear() {
        byValue.clear();
    }

    /**
     * @param authorization the request's {@code Authorization} header
     * @param apiKey        FakeWorkOS's own API key, which the caller must present
     */
    public Reply validate(String authorization, String apiKey, String body) {
        if (!("Bearer " + apiKey).equals(authorization)) {
            return Reply.json(401, "{\"message\":\"Unauthorized\",\"code\":\"unauthorized\"}");
        }
        String value;
        try {
            JsonNode root = JSON.readTree(body);
            value = root != null && root.path("value").isTextual() ? root.get("value").asText() : null;
        } catch (Exception e) {
            value = null;
        }
        if (value == null || value.isEmpty()) {
            return Reply.json(422, "{\"message\":\"Validation failed\",\"code\":\"invalid_request_parameters\","
                    + "\"errors\":[{\"field\":\"value\",\"code\":\"value_required\"}]}");
        }
        ObjectNode out = JSON.createObjectNode();
        Key key = byValue.get(value);
        if (key == null) {
            out.putNull("api_key");
            return Reply.json(200, out.toString());
        }
        ObjectNode k = out.putObject("api_key");
        k.put("object", "api_key");
        k.put("id", key.id());
        k.putObject("owner").put("type", "organization").put("id", key.organizationId());
        k.put("name", key.name());
        k.put("obfuscated_value", "sk_…" + value.substring(value.length() - 4));
        k.putNull("last_used_at");
        k.putNull("expires_at");
        ArrayNode permissions = k.putArray("permissions");
        key.permissions().forEach(permissions::add);
        String created = DateTimeFormatter.ISO_INSTANT.format(key.createdAt());
        k.put("created_at", created);
        k.put("updated_at", created);
        return Reply.json(200, out.toString());
    }
}
