package dev.authkit.testkit.internal.store;

import dev.authkit.testkit.internal.TokenIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The front half of the OAuth state machine: authorizations waiting on the hosted page (flows),
 * and the authorization codes a completed one hands out. Both are single use: a flow is taken by
 * the page's answer, a code by its first exchange (even one that fails a check). The PKCE check is
 * the fake's own ({@link TokenIssuer#s256}), so that a bug in the product's PKCE code shows.
 * Thread-safe.
 */
public final class AuthorizationCodes {
    private final Map<String, PendingAuthorization> flows = new ConcurrentHashMap<>();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final Map<String, PendingSelection> selections = new ConcurrentHashMap<>();
    private volatile String autoSignInUserId;

    /** A sign-in waiting for the user's organization choice, behind a pending authentication token. */
    public record PendingSelection(String userId, Instant expiresAt) {
    }

    /** A new pending authentication token ({@code pat_...}) for {@code userId}, valid for {@code lifetime}. */
    public String pendSelection(String userId, Instant now, Duration lifetime) {
        String token = TokenIssuer.opaque("pat_");
        selections.put(token, new PendingSelection(userId, now.plus(lifetime)));
        return token;
    }

    /** Takes a pending selection (single use); {@code null} when unknown, used or expired at {@code now}. */
    public PendingSelection takeSelection(String token, Instant now) {
        PendingSelection p = token == null ? null : selections.remove(token);
        return p == null || now.isAfter(p.expiresAt()) ? null : p;
    }

    /** An authorization request waiting for the user to choose on the hosted page. */
    public record PendingAuthorization(String redirectUri, String state, String codeChallenge, String organizationId,
                                       String loginHint, boolean signUp, String prompt) {
    }

    /** An authorization code and what its exchange must present. */
    public record IssuedCode(String clientId, String redirectUri, String codeChallenge, String userId,
                             String organizationId, Instant expiresAt) {
    }

    /** The outcome of a code exchange: the code, or why it was refused ({@code error} not null). */
    public record Redemption(IssuedCode code, String error) {
    }

    /** The user {@code /user_management/authorize} signs in at once, without the page; {@code null} for none. */
    public void autoSignIn(String userId) {
        autoSignInUserId = userId;
    }

    public String autoSignInUserId() {
        return autoSignInUserId;
    }

    /** Keeps {@code flow} until the hosted page answers; returns its id ({@code flow_...}). */
    public String startFlow(PendingAuthorization flow) {
        String id = TokenIssuer.opaque("flow_");
        flows.put(id, flow);
        return id;
    }

    /** Takes the flow with id {@code id} (it cannot be completed twice); {@code null} when unknown or used. */
    public PendingAuthorization takeFlow(String id) {
        return flows.remove(id);
    }

    /** A new code ({@code code_...}) for {@code userId}, valid for {@code lifetime} from {@code now}. */
    public String issue(String clientId, PendingAuthorization flow, String userId, String organizationId,
                        Instant now, Duration lifetime) {
        String code = TokenIssuer.opaque("code_");
        codes.put(code, new IssuedCode(clientId, flow.redirectUri(), flow.codeChallenge(), userId, organizationId,
                now.plus(lifetime)));
        return code;
    }

    /**
     * Exchanges {@code code}: single use, unexpired at {@code now}, for the same client, with the
     * authorization's redirect URI when one is sent, and with a verifier matching the S256 challenge
     * when the authorization carried one.
     */
    public Redemption redeem(String code, String clientId, Map<String, String> params, Instant now) {
        IssuedCode c = code == null ? null : codes.remove(code); // single use, even when the checks below fail
        if (c == null || now.isAfter(c.expiresAt()) || !c.clientId().equals(clientId)) {
            return new Redemption(null, "The code is invalid or has expired.");
        }
        if (params.containsKey("redirect_uri") && !c.redirectUri().equals(params.get("redirect_uri"))) {
            return new Redemption(null, "The redirect URI does not match the authorization request.");
        }
        if (c.codeChallenge() != null) {
            String verifier = params.get("code_verifier");
            if (verifier == null || !TokenIssuer.s256(verifier).equals(c.codeChallenge())) {
                return new Redemption(null, "The code verifier does not match the code challenge.");
            }
        }
        return new Redemption(c, null);
    }

    public void clear() {
        flows.clear();
        codes.clear();
        selections.clear();
        autoSignInUserId = null;
    }
}
