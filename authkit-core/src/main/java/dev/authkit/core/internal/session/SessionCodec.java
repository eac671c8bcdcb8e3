package dev.authkit.core.internal.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.core.Impersonator;
import dev.authkit.core.Session;
import dev.authkit.core.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON inside the session cookie, in authkit-nextjs's shape:
 * {@code {accessToken, refreshToken, user, impersonator?, authenticationMethod?}} with the user in
 * the Node SDK's camelCase form, in its order ({@code object, id, email, emailVerified, name,
 * firstName, profilePictureUrl, lastName, lastSignInAt, locale, createdAt, updatedAt, externalId,
 * metadata}, as {@code @workos-inc/node} 10 writes it; absent values written as {@code null}, as
 * the Node SDK does), followed by any user fields of a read cookie that this list does not name,
 * unchanged.
 */
public final class SessionCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Epoch seconds of the sign-in, written only while an idle or absolute limit is set. */
    public static final String SIGNED_IN_AT = "authkitSignedInAt";
    /** Epoch seconds of the last write, written only while an idle or absolute limit is set. */
    public static final String LAST_SEEN_AT = "authkitLastSeenAt";
    /** The user fields {@link User} models; any other field of a cookie's user is carried as it is. */
    private static final Set<String> KNOWN_USER_FIELDS = Set.of("object", "id", "email", "emailVerified", "name",
            "firstName", "profilePictureUrl", "lastName", "lastSignInAt", "locale", "createdAt", "updatedAt",
            "externalId", "metadata");

    private SessionCodec() {
    }

    public static String toJson(Session session) {
        ObjectNode root = JSON.createObjectNode();
        root.put("accessToken", session.accessToken());
        root.put("refreshToken", session.refreshToken());
        root.set("user", userNode(session.user()));
        session.impersonator().ifPresent(i -> {
            ObjectNode imp = root.putObject("impersonator");
            imp.put("email", i.email());
            imp.put("reason", i.reason().orElse(null));
        });
        session.authenticationMethod().ifPresent(m -> root.put("authenticationMethod", m));
        session.signedInAt().ifPresent(t -> root.put(SIGNED_IN_AT, t.getEpochSecond()));
        session.lastSeenAt().ifPresent(t -> root.put(LAST_SEEN_AT, t.getEpochSecond()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write session JSON", e);
        }
    }

    /** The session in {@code json}, or empty when it lacks the tokens or the user id and email. */
    public static Optional<Session> fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        Optional<String> accessToken = text(root, "accessToken");
        Optional<String> refreshToken = text(root, "refreshToken");
        Optional<User> user = user(root.get("user"));
        if (accessToken.isEmpty() || refreshToken.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        Optional<Impersonator> impersonator = Optional.ofNullable(root.get("impersonator"))
                .filter(JsonNode::isObject)
                .flatMap(n -> text(n, "email").map(email -> new Impersonator(email, text(n, "reason"))));
        return Optional.of(new Session(accessToken.get(), refreshToken.get(), user.get(), impersonator,
                text(root, "authenticationMethod"), seconds(root, SIGNED_IN_AT), seconds(root, LAST_SEEN_AT)));
    }

    public static ObjectNode userNode(User u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("object", "user");
        n.put("id", u.id());
        n.put("email", u.email());
        n.put("emailVerified", u.emailVerified());
        n.put("name", u.name().orElse(null));
        n.put("firstName", u.firstName().orElse(null));
        n.put("profilePictureUrl", u.profilePictureUrl().orElse(null));
        n.put("lastName", u.lastName().orElse(null));
        n.put("lastSignInAt", u.lastSignInAt().orElse(null));
        n.put("locale", u.locale().orElse(null));
        n.put("createdAt", u.createdAt());
        n.put("updatedAt", u.updatedAt());
        n.put("externalId", u.externalId().orElse(null));
        ObjectNode metadata = n.putObject("metadata");
        u.metadata().forEach(metadata::put);
        u.otherFields().forEach((field, json) -> {
            if (!KNOWN_USER_FIELDS.contains(field)) {
                n.set(field, parseOrNull(json));
            }
        });
        return n;
    }

    static Optional<User> user(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Optional.empty();
        }
        Optional<String> id = text(n, "id");
        Optional<String> email = text(n, "email");
        if (id.isEmpty() || email.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode m = n.get("metadata");
        if (m != null && m.isObject()) {
            m.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    metadata.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
                }
            });
        }
        Map<String, String> others = new LinkedHashMap<>();
        n.properties().forEach(e -> {
            if (!KNOWN_USER_FIELDS.contains(e.getKey())) {
                others.put(e.getKey(), e.getValue().toString());
            }
        });
        JsonNode verified = n.get("emailVerified");
        return Optional.of(new User(id.get(), email.get(), verified != null && verified.asBoolean(false),
                text(n, "firstName"), text(n, "lastName"), text(n, "profilePictureUrl"), text(n, "lastSignInAt"),
                text(n, "externalId"), text(n, "locale"), metadata,
                text(n, "createdAt").orElse(""), text(n, "updatedAt").orElse(""), text(n, "name"), others));
    }

    private static JsonNode parseOrNull(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // only JSON this codec read itself lands here; a hand-made value that is not JSON is kept as text
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static Optional<java.time.Instant> seconds(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.canConvertToLong() && v.asLong() >= 0 && v.asLong() < 253_402_300_800L
                ? Optional.of(java.time.Instant.ofEpochSecond(v.asLong())) : Optional.empty();
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }
}
