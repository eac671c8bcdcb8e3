package dev.authkit.testkit.internal.handlers;

import static dev.authkit.testkit.internal.WireJson.error;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.internal.FakeSettings;
import dev.authkit.testkit.internal.Reply;
import dev.authkit.testkit.internal.WireJson;
import dev.authkit.testkit.internal.server.Handler;
import dev.authkit.testkit.internal.server.Request;
import dev.authkit.testkit.internal.store.AccessTokens;
import dev.authkit.testkit.internal.store.AuthorizationCodes;
import dev.authkit.testkit.internal.store.Directory;
import dev.authkit.testkit.internal.store.SessionState;
import dev.authkit.testkit.internal.store.Sessions;
import java.util.Map;

/**
 * {@code POST /user_management/authenticate}: the {@code authorization_code} grant (single-use
 * code, redirect URI and PKCE checks) and the {@code refresh_token} grant (rotation: a used
 * refresh token answers {@code invalid_grant}; switching organization with {@code organization_id},
 * refused with 403 for a non-member or an organization that demands SSO or MFA enrollment). Both
 * need the client id and, as client secret, the API key. Bodies may be form or JSON.
 */
public final class AuthenticateHandler implements Handler {
    private final FakeSettings settings;
    private final Directory directory;
    private final Sessions sessions;
    private final AuthorizationCodes codes;
    private final AccessTokens tokens;
    /** How long a pending authentication token stays valid, as WorkOS documents (10 minutes). */
    static final java.time.Duration PENDING_LIFETIME = java.time.Duration.ofMinutes(10);

    public AuthenticateHandler(FakeSettings settings, Directory directory, Sessions sessions, AuthorizationCodes codes,
                               AccessTokens tokens) {
        this.settings = settings;
        this.directory = directory;
        this.sessions = sessions;
        this.codes = codes;
        this.tokens = tokens;
    }

    @Override
    public Reply handle(Request request) {
        Map<String, String> p = WireJson.bodyParams(request.body());
        if (!settings.clientId().equals(p.get("client_id"))) {
            return error(400, "invalid_client", "Invalid client ID.");
        }
        if (!settings.apiKey().equals(p.get("client_secret"))) {
            return error(401, "invalid_client", "Invalid client secret.");
        }
        String grant = p.getOrDefault("grant_type", "");
        if (grant.equals("authorization_code")) {
            return exchangeCode(p);
        }
        if (grant.equals("refresh_token")) {
            return refresh(p);
        }
        if (grant.equals("urn:workos:oauth:grant-type:organization-selection")) {
            return selectOrganization(p);
        }
        return error(400, "unsupported_grant_type", "Unsupported grant type.");
    }

    private Reply exchangeCode(Map<String, String> p) {
        AuthorizationCodes.Redemption r = codes.redeem(p.get("code"), p.get("client_id"), p, settings.clock().instant());
        if (r.error() != null) {
            return error(400, "invalid_grant", r.error());
        }
        FakeUser user = directory.user(r.code().userId()).orElse(null);
        if (user == null) {
            return error(400, "invalid_grant", "The user no longer exists.");
        }
        if (r.code().organizationId() == null && user.requiresOrganizationSelection()
                && directory.memberships(user.id()).size() >= 2) {
            String token = codes.pendSelection(user.id(), settings.clock().instant(), PENDING_LIFETIME);
            return WireJson.organizationSelectionRequired(WireJson.user(user, directory.lastSignIn(user.id())), token,
                    directory.memberships(user.id()).stream().map(m -> directory.organization(m.organizationId()))
                            .flatMap(java.util.Optional::stream).toList());
        }
        return signedIn(user, r.code().organizationId());
    }

    private Reply signedIn(FakeUser user, String organizationId) {
        SessionState s = tokens.openSession(user.id(), organizationId);
        AccessTokens.Pair t = tokens.issue(s);
        ObjectNode out = answer(user, s, t);
        directory.oauthTokens(user.id()).ifPresent(oauth -> WireJson.putOAuthTokens(out, oauth));
        return Reply.json(200, out.toString());
    }

    /** The organization-selection grant: a live pending token and an organization the user is a member of. */
    private Reply selectOrganization(Map<String, String> p) {
        AuthorizationCodes.PendingSelection pending = codes.takeSelection(p.get("pending_authentication_token"),
                settings.clock().instant());
        if (pending == null) {
            return error(400, "invalid_grant", "The pending authentication token is invalid or has expired.");
        }
        FakeUser user = directory.user(pending.userId()).orElse(null);
        String orgId = p.get("organization_id");
        if (user == null || orgId == null || directory.membership(user.id(), orgId).isEmpty()) {
            return WireJson.membershipRequired(String.valueOf(orgId));
        }
        return signedIn(user, orgId);
    }

    private Reply refresh(Map<String, String> p) {
        String token = p.get("refresh_token");
        String sid = token == null ? null : sessions.sessionIdOf(token);
        SessionState s = sid == null ? null : sessions.get(sid);
        if (s == null) {
            return error(400, "invalid_grant", "Invalid refresh token.");
        }
        if (s.revoked()) {
            return error(400, "invalid_grant", "Session has already ended.");
        }
        FakeUser user = directory.user(s.userId()).orElse(null);
        String orgId = p.get("organization_id");
        if (orgId != null && !orgId.equals(s.organizationId())) {
            FakeOrganization org = directory.organization(orgId).orElse(null);
            if (org == null || directory.membership(s.userId(), orgId).isEmpty()) {
                return WireJson.membershipRequired(orgId);
            }
            if (org.requirement() == FakeOrganization.Requirement.SSO) {
                return WireJson.ssoRequired(orgId);
            }
            if (org.requirement() == FakeOrganization.Requirement.MFA_ENROLLMENT) {
                return WireJson.mfaEnrollment(WireJson.user(user, directory.lastSignIn(user.id())));
            }
        }
        // consume last, atomically: of any number of concurrent uses exactly one gets past here
        if (!sessions.consume(token, sid)) {
            return error(400, "invalid_grant", "Invalid refresh token.");
        }
        if (orgId != null) {
            s.switchTo(orgId);
        }
        AccessTokens.Pair t = tokens.issue(s);
        return Reply.json(200, answer(user, s, t).toString());
    }

    private ObjectNode answer(FakeUser user, SessionState s, AccessTokens.Pair t) {
        return WireJson.authResponse(WireJson.user(user, directory.lastSignIn(user.id())), s, t.accessToken(),
                t.refreshToken());
    }
}
