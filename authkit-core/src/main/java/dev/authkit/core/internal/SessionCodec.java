package dev.authkit.core.internal;

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

/**
 * The JSON inside the session cookie, in authkit-nextjs's shape:
 * {@code {accessToken, refreshToken, user, impersonator?, authenticationMethod?}} with the user in
 * the Node SDK's camelCase form ({@code object, id, email, emailVerified, firstName, lastName,
 * profilePictureUrl, lastSignInAt, locale, createdAt, updatedAt, externalId, metadata}; absent
 * values written as {@code null}, as the Node SDK does).
 */
public final class SessionCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

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
                text(root, "authenticationMethod")));
    }

    public static ObjectNode userNode(User u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("object", "user");
        n.put("id", u.id());
        n.put("email", u.email());
        n.put("emailVerified", u.emailVerified());
        n.put("firstName", u.firstName().orElse(null));
        n.put("lastName", u.lastName().orElse(null));
        n.put("profilePictureUrl", u.profilePictureUrl().orElse(null));
        n.put("lastSignInAt", u.lastSignInAt().orElse(null));
        n.put("locale", u.locale().orElse(null));
        n.put("createdAt", u.createdAt());
        n.put("updatedAt", u.updatedAt());
        n.put("externalId", u.externalId().orElse(null));
        ObjectNode metadata = n.putObject("metadata");
        u.metadata().forEach(metadata::put);
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
            m.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    metadata.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
                }
            });
        }
        JsonNode verified = n.get("emailVerified");
        return Optional.of(new User(id.get(), email.get(), verified != null && verified.asBoolean(false),
                text(n, "firstName"), text(n, "lastName"), text(n, "profilePictureUrl"), text(n, "lastSignInAt"),
                text(n, "externalId"), text(n, "locale"), metadata,
                text(n, "createdAt").orElse(""), text(n, "updatedAt").orElse("")));
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }
}
