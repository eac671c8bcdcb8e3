package dev.authkit.core.internal.refresh;

import dev.authkit.core.internal.session.SessionCodec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The sealed result a {@link dev.authkit.core.RefreshCoordination} stores and hands out:
 * {@code {"refreshKey": key, "session": {...}}} sealed with the cookie password.
 *
 * <p>Not the session cookie itself, on purpose: whoever can read the coordination's store (Redis)
 * gets nothing a browser would accept as {@code wos-session} (the cookie reader finds no session
 * at the top level), and a result copied under another key does not open, because the key it was
 * made for is inside the seal. The seal's own expiration is the grace period plus {@link #SLACK},
 * so a stale copy stops opening soon after the store would have dropped it.
 */
public final class RefreshPayload {
    /** Added to the seal's expiration beyond the grace period: the longest a waiter may take to pick it up. */
    static final Duration SLACK = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private RefreshPayload() {
    }

    public static String seal(CookieSealer sealer, String key, Session session, Duration gracePeriod) {
        String json = "{\"refreshKey\":\"" + key + "\",\"session\":" + SessionCodec.toJson(session) + "}";
        return sealer.seal(json, gracePeriod.plus(SLACK));
    }

    /** The session sealed for {@code key}; empty when the payload does not open or was made for another key. */
    public static Optional<Session> open(CookieSealer sealer, String key, String sealed) {
        return sealer.unseal(sealed).flatMap(json -> {
            try {
                JsonNode node = JSON.readTree(json);
                if (node == null || !key.equals(node.path("refreshKey").asText(null)) || !node.path("session").isObject()) {
                    return Optional.empty();
                }
                return SessionCodec.fromJson(node.get("session").toString());
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
