package dev.authkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request {@link FakeWorkOS} received, in arrival order in its journal.
 *
 * @param endpoint   which endpoint it was routed to
 * @param method     HTTP method
 * @param path       the path, without the query
 * @param query      decoded query parameters (first value of each)
 * @param headers    request headers, names lower-case
 * @param body       the request body as text (empty for none)
 * @param status     the status the fake answered with (0 when the connection was dropped)
 * @param receivedAt the fake clock's time on arrival
 */
public record RecordedRequest(Endpoint endpoint, String method, String path, Map<String, String> query,
                              Map<String, List<String>> headers, String body, int status, Instant receivedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A top-level string field of a JSON body, or of a form body. */
    public Optional<String> bodyField(String name) {
        if (body.isEmpty()) {
            return Optional.empty();
        }
        if (body.trim().startsWith("{")) {
            try {
                JsonNode v = JSON.readTree(body).get(name);
                return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
            } catch (Exception e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(dev.authkit.testkit.internal.Http.parseQuery(body).get(name));
    }

    /** The grant type of an {@link Endpoint#AUTHENTICATE} call: {@code authorization_code} or {@code refresh_token}. */
    public Optional<String> grantType() {
        return bodyField("grant_type");
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
