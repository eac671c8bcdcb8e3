package dev.authkit.core.internal.workos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.workos.common.exceptions.WorkOSException;
import com.workos.models.AuthenticateResponse;
import dev.authkit.core.Impersonator;
import dev.authkit.core.Session;
import dev.authkit.core.User;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns WorkOS SDK answers and failures into authkit's values. */
public final class WorkOSResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
    /** WorkOS's words for "this session is over". */
    private static final Set<String> SESSION_ENDED_ERRORS = Set.of("invalid_grant", "session_ended", "session_revoked",
            "session_expired");

    private WorkOSResponses() {
    }

    /** How a failed WorkOS call should be treated. */
    public enum Kind {
        /** Worth trying again later: a network failure, 408, 429 or a 5xx. Keep the session. */
        TRANSIENT,
        /** WorkOS asks for single sign-on before the session may enter the organization. */
        SSO_REQUIRED,
        /** WorkOS asks the user to enroll in MFA first. */
        MFA_ENROLLMENT,
        /**
         * WorkOS says the session is over: {@code invalid_grant} (a used, unknown or expired refresh
         * token, a revoked or ended session). The only failure that signs a user out.
         */
        SESSION_ENDED,
        /**
         * WorkOS refused this request but did not end the session: not a member of the organization
         * ({@code organization_membership_required}), an unknown organization, or another 4xx. The
         * session stays; the caller gets a clear error.
         */
        REFUSED
    }

    /**
     * A classified failure. {@code description} is WorkOS's own short error code and status, safe
     * to log: never a token.
     *
     * @param kind               how to treat it
     * @param status             HTTP status, 0 for no answer
     * @param error              WorkOS's {@code error} or {@code code}, if any
     * @param authkitRedirectUrl a URL WorkOS wants the user sent to, if it gave one
     */
    public record Failure(Kind kind, int status, Optional<String> error, Optional<String> authkitRedirectUrl) {
        public boolean isTransient() {
            return kind == Kind.TRANSIENT;
        }

        public boolean endsSession() {
            return kind == Kind.SESSION_ENDED;
        }

        public String description() {
            return (status == 0 ? "no answer" : "HTTP " + status) + error.map(e -> " " + e).orElse("");
        }
    }

    /**
     * Classifies a failed WorkOS call. Only {@code invalid_grant} (or a body saying the session
     * ended or was revoked) ends the session; network failures, 408, 429 and 5xx are transient;
     * an exception that is no WorkOS answer at all is treated as transient too, since nothing says
     * the session is over: a broken or cut connection, and an answer that does not read as WorkOS's
     * JSON (a proxy's or captive portal's page, a truncated body, a body missing its fields). The
     * SDK (Kotlin) throws Jackson's parse errors as they are, checked {@code IOException}s that no
     * method declares, so every caller catches {@link Exception}, not only {@code RuntimeException}.
     */
    public static Failure classify(Exception e) {
        if (!(e instanceof WorkOSException w)) {
            return new Failure(Kind.TRANSIENT, 0, Optional.of(unreadable(e)), Optional.empty());
        }
        Optional<String> error = Optional.ofNullable(w.code);
        Optional<String> redirect = Optional.empty();
        if (w.rawBody != null && !w.rawBody.isEmpty()) {
            try {
                JsonNode body = JSON.readTree(w.rawBody);
                if (body != null && body.isObject()) {
                    if (error.isEmpty()) {
                        error = text(body, "error").or(() -> text(body, "code"));
                    }
                    redirect = text(body, "authkit_redirect_url");
                }
            } catch (Exception ignored) {
                // not JSON: classify by status alone
            }
        }
        Kind kind;
        if (w.status == 0 || TRANSIENT_STATUSES.contains(w.status)) {
            kind = Kind.TRANSIENT;
        } else if (error.filter("sso_required"::equals).isPresent()) {
            kind = Kind.SSO_REQUIRED;
        } else if (error.filter("mfa_enrollment"::equals).isPresent()) {
            kind = Kind.MFA_ENROLLMENT;
        } else if (error.filter(SESSION_ENDED_ERRORS::contains).isPresent()) {
            kind = Kind.SESSION_ENDED;
        } else {
            kind = Kind.REFUSED;
        }
        return new Failure(kind, w.status, error, redirect);
    }

    /** An organization WorkOS lets the user choose, as it listed it. */
    public record Organization(String id, String name) {
    }

    /** WorkOS's {@code organization_selection_required} answer: the pending token (a secret) and the choices. */
    public record OrganizationSelection(String pendingToken, List<Organization> organizations) {
        @Override
        public String toString() {
            return "OrganizationSelection[" + organizations.size() + " organizations]"; // never the token
        }
    }

    /** At most this many organizations are offered (the chooser travels in a cookie). */
    public static final int MAX_ORGANIZATIONS = 20;
    private static final int MAX_NAME_CHARS = 80;

    /**
     * The organization choice WorkOS asks for when a code exchange fails with
     * {@code organization_selection_required}; empty for any other failure, or when the answer
     * lacks a pending token or usable organizations (ids of WorkOS's shape, names shortened).
     */
    public static Optional<OrganizationSelection> organizationSelection(Exception e) {
        if (!(e instanceof WorkOSException w) || w.rawBody == null || w.rawBody.length() > 100_000) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(w.rawBody);
            if (body == null || !body.isObject() || !"organization_selection_required".equals(body.path("code").asText(
                    body.path("error").asText("")))) {
                return Optional.empty();
            }
            Optional<String> token = text(body, "pending_authentication_token").filter(t -> t.length() <= 512);
            List<Organization> orgs = new ArrayList<>();
            for (JsonNode o : body.path("organizations")) {
                Optional<String> id = text(o, "id").filter(i -> i.matches("[A-Za-z0-9_\\-]{1,64}"));
                if (id.isPresent() && orgs.size() < MAX_ORGANIZATIONS) {
                    String name = text(o, "name").orElse(id.get());
                    orgs.add(new Organization(id.get(), name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS) : name));
                }
            }
            return token.isEmpty() || orgs.isEmpty() ? Optional.empty()
                    : Optional.of(new OrganizationSelection(token.get(), List.copyOf(orgs)));
        } catch (Exception ignored) {
            return Optional.empty();
        }
    }

    /** The session authkit seals after a code exchange or a refresh. */
    public static Session session(AuthenticateResponse r, Optional<String> keepAuthenticationMethod) {
        Optional<Impersonator> impersonator = Optional.ofNullable(r.getImpersonator())
                .map(i -> new Impersonator(i.getEmail(), Optional.ofNullable(i.getReason())));
        Optional<String> method = Optional.ofNullable(r.getAuthenticationMethod())
                .map(Enum::name).filter(m -> !m.equals("Unknown"));
        return new Session(r.getAccessToken(), r.getRefreshToken(), user(r.getUser()), impersonator,
                keepAuthenticationMethod.isPresent() ? keepAuthenticationMethod : method);
    }

    /** The SDK's user in the camelCase shape of the session cookie. */
    public static User user(com.workos.models.User u) {
        Map<String, String> metadata = u.getMetadata() == null ? Map.of() : u.getMetadata();
        return new User(u.getId(), u.getEmail(), u.getEmailVerified(), Optional.ofNullable(u.getFirstName()),
                Optional.ofNullable(u.getLastName()), Optional.ofNullable(u.getProfilePictureUrl()),
                Optional.ofNullable(u.getLastSignInAt()).map(WorkOSResponses::iso), Optional.ofNullable(u.getExternalId()),
                Optional.ofNullable(u.getLocale()), metadata, iso(u.getCreatedAt()), iso(u.getUpdatedAt()),
                Optional.ofNullable(u.getName()), Map.of());
    }

    /**
     * WorkOS's own timestamp form, UTC with exactly three fraction digits
     * ({@code 2024-01-01T00:00:00.000Z}): the SDK parses the text, and this writes it back as the
     * Node SDK keeps it, so both sides seal the same string.
     */
    private static final DateTimeFormatter WORKOS_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static String iso(OffsetDateTime t) {
        return t == null ? "" : WORKOS_TIME.format(t.toInstant());
    }

    /** A short, token-free name for a failure that is no WorkOS answer (never the message: it may quote the body). */
    private static String unreadable(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JacksonException) {
            return "unreadable answer (" + e.getClass().getSimpleName() + ")";
        }
        return e.getClass().getSimpleName();
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }
}
