package dev.authkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.OAuthTokens;
import dev.authkit.testkit.internal.store.SessionState;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The WorkOS wire shapes FakeWorkOS writes (snake_case, as the WorkOS API does) and the request
 * bodies it reads. Written with the fake's own Jackson code, not the product's, so that a mistake
 * in the product's mapping shows as a failing test rather than agreeing with itself.
 */
public final class WireJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** WorkOS writes timestamps in UTC with exactly three fraction digits: {@code 2024-01-01T00:00:00.000Z}. */
    private static final DateTimeFormatter WORKOS_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireJson() {
    }

    public static String iso(Instant t) {
        return WORKOS_TIME.format(t);
    }

    /** What WorkOS reports as {@code name}: first and last name joined, when either is set. */
    public static Optional<String> fullName(FakeUser u) {
        String name = (u.firstName().orElse("") + " " + u.lastName().orElse("")).trim();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** A WorkOS {@code user} object; {@code lastSignIn} empty writes {@code last_sign_in_at: null}. */
    public static ObjectNode user(FakeUser u, Optional<Instant> lastSignIn) {
        ObjectNode n = JSON.createObjectNode();
        n.put("object", "user");
        n.put("id", u.id());
        n.put("email", u.email());
        n.put("first_name", u.firstName().orElse(null));
        n.put("last_name", u.lastName().orElse(null));
        n.put("name", fullName(u).orElse(null));
        n.put("profile_picture_url", u.profilePictureUrl().orElse(null));
        n.put("email_verified", u.emailVerified());
        n.put("external_id", u.externalId().orElse(null));
        n.put("locale", u.locale().orElse(null));
        n.put("last_sign_in_at", lastSignIn.map(WireJson::iso).orElse(null));
        n.put("created_at", iso(u.createdAt()));
        n.put("updated_at", iso(u.createdAt()));
        ObjectNode metadata = n.putObject("metadata");
        u.metadata().forEach(metadata::put);
        return n;
    }

    /** The answer of {@code POST /user_management/authenticate}, for both grants. */
    public static ObjectNode authResponse(ObjectNode user, SessionState s, String accessToken, String refreshToken) {
        ObjectNode out = JSON.createObjectNode();
        out.set("user", user);
        String orgId = s.organizationId();
        if (orgId != null) {
            out.put("organization_id", orgId);
        } else {
            out.putNull("organization_id");
        }
        out.put("access_token", accessToken);
        out.put("refresh_token", refreshToken);
        out.put("authentication_method", s.authenticationMethod());
        if (s.impersonator() != null) {
            ObjectNode imp = out.putObject("impersonator");
            imp.put("email", s.impersonator().email());
            imp.put("reason", s.impersonator().reason().orElse(null));
        }
        // without impersonation the field is left out, so no "impersonator": null reaches a Next.js cookie
        out.putNull("authkit_authorization_code");
        return out;
    }

    /** Adds {@code oauth_tokens} to a code exchange's answer. */
    public static void putOAuthTokens(ObjectNode out, OAuthTokens oauth) {
        ObjectNode o = out.putObject("oauth_tokens");
        o.put("provider", oauth.provider());
        o.put("access_token", oauth.accessToken());
        o.put("refresh_token", oauth.refreshToken());
        o.put("expires_at", oauth.expiresAt());
        ArrayNode scopes = o.putArray("scopes");
        oauth.scopes().forEach(scopes::add);
    }

    /** A WorkOS {@code session} object, as the Sessions API lists it and session events carry it. */
    public static ObjectNode session(dev.authkit.testkit.internal.store.SessionState s, Instant now) {
        String at = iso(s.authTime());
        ObjectNode n = JSON.createObjectNode().put("object", "session").put("id", s.id()).put("user_id", s.userId())
                .put("status", s.revoked() ? "revoked" : "active")
                .put("auth_method", s.impersonator() != null ? "impersonation" : "password")
                .putNull("ip_address").putNull("user_agent")
                .put("expires_at", iso(s.authTime().plus(java.time.Duration.ofDays(30))))
                .put("created_at", at).put("updated_at", at);
        if (s.organizationId() != null) {
            n.put("organization_id", s.organizationId());
        }
        if (s.revoked()) {
            n.put("ended_at", iso(now));
        } else {
            n.putNull("ended_at");
        }
        return n;
    }

    /** A WorkOS {@code organization} object; {@code createdAt} is both its creation and update time. */
    public static String organization(FakeOrganization org, Instant createdAt) {
        ObjectNode o = JSON.createObjectNode();
        o.put("object", "organization");
        o.put("id", org.id());
        o.put("name", org.name());
        o.put("allow_profiles_outside_organization", false);
        o.putArray("domains");
        o.putNull("stripe_customer_id");
        o.putNull("external_id");
        o.putObject("metadata");
        o.put("created_at", iso(createdAt));
        o.put("updated_at", iso(createdAt));
        return o.toString();
    }

    /** 403 {@code organization_membership_required}, the answer to a switch into a foreign organization. */
    public static Reply membershipRequired(String organizationId) {
        return Reply.json(403, "{\"code\":\"organization_membership_required\",\"message\":"
                + JSON.valueToTree("The user is not a member of organization " + organizationId + ".") + "}");
    }

    /** 403 {@code sso_required}, with the connection and a pending authentication token. */
    public static Reply ssoRequired(String organizationId) {
        return Reply.json(403, "{\"error\":\"sso_required\",\"error_description\":\"SSO is required for this "
                + "organization.\",\"connection_ids\":[\"conn_" + organizationId + "\"],\"pending_authentication_token\":\""
                + TokenIssuer.opaque("pat_") + "\"}");
    }

    /** 403 {@code mfa_enrollment}, with the user and a pending authentication token. */
    public static Reply mfaEnrollment(ObjectNode user) {
        ObjectNode err = JSON.createObjectNode();
        err.put("code", "mfa_enrollment");
        err.put("message", "The user must enroll in MFA to access this organization.");
        err.set("user", user);
        err.put("pending_authentication_token", TokenIssuer.opaque("pat_"));
        return Reply.json(403, err.toString());
    }

    /** 403 {@code organization_selection_required}: the user, a pending authentication token and the organizations. */
    public static Reply organizationSelectionRequired(ObjectNode user, String pendingToken,
                                                      java.util.List<dev.authkit.testkit.FakeOrganization> organizations) {
        ObjectNode err = JSON.createObjectNode();
        err.put("code", "organization_selection_required");
        err.put("message", "The user must choose an organization to sign in to.");
        err.put("pending_authentication_token", pendingToken);
        var list = err.putArray("organizations");
        organizations.forEach(o -> list.addObject().put("id", o.id()).put("name", o.name()));
        err.set("user", user);
        return Reply.json(403, err.toString());
    }

    /** An OAuth error: {@code {"error": .., "error_description": ..}}. */
    public static Reply error(int status, String error, String description) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", error);
        n.put("error_description", description);
        return Reply.json(status, n.toString());
    }

    /** A hosted error page. */
    public static Reply errorPage(int status, String message) {
        return Reply.html(status, HostedPages.error(message));
    }

    /**
     * The parameters of a form body ({@code a=1&b=2}) or of a flat JSON object (its non-null
     * scalar fields, as text); an unreadable body has none, and the checks that follow reject it.
     */
    public static Map<String, String> bodyParams(String body) {
        String trimmed = body.trim();
        if (!trimmed.startsWith("{")) {
            return Http.parseQuery(trimmed);
        }
        Map<String, String> out = new LinkedHashMap<>();
        try {
            JsonNode root = JSON.readTree(trimmed);
            root.properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        } catch (IOException e) {
            // an unreadable body has no parameters; the checks that follow reject it
        }
        return out;
    }
}
