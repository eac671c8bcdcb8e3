package dev.authkit.core.internal.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.workos.WorkOS;
import com.workos.models.AuthenticateResponse;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.CallbackFailure;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.CallbackSuccess;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Outcome;
import dev.authkit.core.Session;
import dev.authkit.core.SetCookie;
import dev.authkit.core.WorkOSEndpoint;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.events.EventSink;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.outcome.ErrorPages;
import dev.authkit.core.internal.outcome.Outcomes;
import dev.authkit.core.internal.request.HttpUrls;
import dev.authkit.core.internal.request.Query;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.request.Signals;
import dev.authkit.core.internal.request.UrlPaths;
import dev.authkit.core.internal.session.SessionCookies;
import dev.authkit.core.internal.workos.WorkOSResponses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a sign-in at the redirect URI: checks {@code code}, {@code state} and the verifier
 * cookie (the state must equal the cookie, compared in constant time), exchanges the code with the
 * PKCE verifier, stores the session and sends the user back to a path on this application.
 */
public final class CallbackFlow {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackFlow.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The sealed pending organization choice: WorkOS's pending token, the organizations offered, the return path. */
    public static final String ORG_SELECTION_COOKIE = "wos-org-selection";
    private static final String DEFAULT_ERROR_BODY = "{\"error\":{\"message\":\"Something went wrong\",\"description\":"
            + "\"Couldn't sign in. If you are not sure what happened, please contact your organization admin.\"}}";

    private final CookieSealer sealer;
    private final WorkOS workos;
    private final SessionCookies sessions;
    private final CookieFactory cookies;
    private final DecisionLog decisions;
    private final EventSink events;

    public CallbackFlow(WorkOS workos, SessionCookies sessions, boolean debug) {
        this.sealer = sessions.sealer();
        this.workos = workos;
        this.sessions = sessions;
        this.cookies = sessions.factory();
        this.decisions = new DecisionLog(LOG, debug);
        this.events = sessions.events();
    }

    /** The parts of an unsealed state. */
    private record State(String codeVerifier, Optional<String> customState, Optional<String> returnPathname) {
    }

    /**
     * Completes a sign-in: 307 to the return path on this application's origin (or
     * {@code baseUrl}'s). Failures answer with {@code onError}'s response or an error that names
     * nothing secret: 400 for a bad or stale request, 502 when WorkOS fails. The verifier cookie is
     * cleared either way.
     */
    public Outcome handle(RequestContext ctx, CallbackOptions options) {
        Map<String, String> query = Query.parse(ctx.rawQuery());
        String code = query.get("code");
        String stateParam = query.get("state");
        List<SetCookie> cleanup = new ArrayList<>();
        if (stateParam != null && !stateParam.isEmpty()) {
            String name = SignInFlow.verifierCookieName(stateParam);
            if (ctx.cookies().containsKey(name)) {
                cleanup.add(cookies.verifierDeletion(ctx, name));
            }
        }
        if (ctx.cookies().containsKey(CookieFactory.VERIFIER_PREFIX)) {
            cleanup.add(cookies.verifierDeletion(ctx, CookieFactory.VERIFIER_PREFIX)); // the v3 cookie
        }
        if (code == null || code.isEmpty() || stateParam == null || stateParam.isEmpty()) {
            return failure(ctx, options, CallbackFailure.Reason.MISSING_AUTH_PARAMS, "Missing required auth parameter", cleanup);
        }
        Optional<String> cookie = ctx.cookie(SignInFlow.verifierCookieName(stateParam))
                .or(() -> ctx.cookie(CookieFactory.VERIFIER_PREFIX));
        if (cookie.isEmpty()) {
            return failure(ctx, options, CallbackFailure.Reason.MISSING_PKCE_COOKIE,
                    "Sign-in session could not be verified. Please try signing in again.", cleanup);
        }
        if (!MessageDigest.isEqual(cookie.get().getBytes(StandardCharsets.UTF_8), stateParam.getBytes(StandardCharsets.UTF_8))) {
            return failure(ctx, options, CallbackFailure.Reason.OAUTH_STATE_MISMATCH, "OAuth state mismatch", cleanup);
        }
        Optional<State> state = sealer.unseal(stateParam).flatMap(CallbackFlow::parseState);
        if (state.isEmpty()) {
            return failure(ctx, options, CallbackFailure.Reason.INVALID_STATE,
                    "The sign-in state is invalid or has expired. Please try signing in again.", cleanup);
        }
        Signals signals = ctx.signals();
        AuthenticateResponse response;
        try {
            response = events.call(WorkOSEndpoint.CODE_EXCHANGE, () -> workos.getUserManagement().authenticateWithCode(code,
                    state.get().codeVerifier(), null, signals.ip(), null, signals.agent()));
        } catch (Exception e) { // the SDK throws checked parse errors undeclared: see WorkOSResponses.classify
            Optional<WorkOSResponses.OrganizationSelection> selection = WorkOSResponses.organizationSelection(e);
            if (selection.isPresent()) {
                return chooser(ctx, selection.get(), state.get(), cleanup);
            }
            return exchangeFailed(ctx, options, e, "code exchange", cleanup);
        }
        return finish(ctx, options, response, state.get(), cleanup, 307);
    }

    /**
     * The second half of a sign-in WorkOS left pending for an organization choice: a same-origin
     * POST to the callback path with {@code organization_id} (one of those WorkOS listed), and the
     * sealed pending-selection cookie, completed with the organization-selection grant. A missing,
     * forged or expired cookie, or an organization not offered, is a 400 with a clear page.
     */
    public Outcome selectOrganization(RequestContext ctx, CallbackOptions options) {
        String orgId = Query.parse(ctx.rawQuery()).get("organization_id");
        List<SetCookie> cleanup = new ArrayList<>();
        Optional<String> sealed = ctx.cookie(ORG_SELECTION_COOKIE);
        if (sealed.isPresent()) {
            cleanup.add(cookies.verifierDeletion(ctx, ORG_SELECTION_COOKIE));
        }
        Optional<JsonNode> pending = sealed.flatMap(sealer::unseal).flatMap(CallbackFlow::json)
                .filter(n -> n.path("pendingToken").isTextual() && n.path("organizations").isArray());
        if (pending.isEmpty()) {
            return failure(ctx, options, CallbackFailure.Reason.INVALID_STATE,
                    "The organization choice has expired or is invalid. Please try signing in again.", cleanup);
        }
        boolean offered = false;
        for (JsonNode o : pending.get().path("organizations")) {
            offered |= o.path("id").asText("").equals(orgId);
        }
        if (orgId == null || !offered) {
            return failure(ctx, options, CallbackFailure.Reason.MISSING_AUTH_PARAMS,
                    "Choose one of the organizations offered.", cleanup);
        }
        JsonNode p = pending.get();
        State state = new State("", text(p, "customState"), text(p, "returnPathname"));
        Signals signals = ctx.signals();
        AuthenticateResponse response;
        try {
            response = events.call(WorkOSEndpoint.CODE_EXCHANGE, () -> workos.getUserManagement()
                    .authenticateWithOrganizationSelection(p.get("pendingToken").asText(), orgId, signals.ip(), null, signals.agent()));
        } catch (Exception e) {
            return exchangeFailed(ctx, options, e, "organization selection", cleanup);
        }
        return finish(ctx, options, response, state, cleanup, 303);
    }

    /** Seals the pending token with the choices and the return path (ten minutes) and shows the chooser. */
    private Outcome chooser(RequestContext ctx, WorkOSResponses.OrganizationSelection selection, State state,
                            List<SetCookie> cleanup) {
        ObjectNode n = JSON.createObjectNode().put("pendingToken", selection.pendingToken());
        state.returnPathname().ifPresent(r -> n.put("returnPathname", r));
        var orgs = n.putArray("organizations");
        List<Map.Entry<String, String>> shown = new ArrayList<>();
        for (WorkOSResponses.Organization o : selection.organizations()) {
            orgs.addObject().put("id", o.id());
            shown.add(Map.entry(o.id(), o.name()));
        }
        String withState = state.customState().map(c -> n.deepCopy().put("customState", c).toString()).orElse(n.toString());
        String sealed = sealer.seal(withState, SignInFlow.STATE_TTL);
        if (sealed.length() > SignInFlow.MAX_VERIFIER_SET_COOKIE_BYTES - 200) {
            sealed = sealer.seal(n.toString(), SignInFlow.STATE_TTL); // the custom state does not fit: dropped
        }
        List<SetCookie> out = new ArrayList<>(cleanup);
        out.add(cookies.verifier(ctx, ORG_SELECTION_COOKIE, sealed));
        decisions.decide("sign-in needs an organization choice among " + shown.size());
        return ErrorPages.organizationChooser(ctx, shown, ctx.rawPath(), out);
    }

    private Outcome exchangeFailed(RequestContext ctx, CallbackOptions options, Exception e, String what,
                                   List<SetCookie> cleanup) {
        WorkOSResponses.Failure f = WorkOSResponses.classify(e);
        LOG.warn("[AuthKit callback error] {} failed: {}", what, f.description());
        return f.isTransient()
                ? failure(ctx, options, CallbackFailure.Reason.WORKOS_UNAVAILABLE, "WorkOS could not be reached: " + f.description(), cleanup)
                : failure(ctx, options, CallbackFailure.Reason.CODE_REJECTED, "WorkOS rejected the sign-in: " + f.description(), cleanup);
    }

    /** Checks WorkOS's answer, stores the session and redirects ({@code status}) to the return path. */
    private Outcome finish(RequestContext ctx, CallbackOptions options, AuthenticateResponse response, State state,
                           List<SetCookie> cleanup, int status) {
        if (response == null) { // a JSON null: no answer from WorkOS
            return failure(ctx, options, CallbackFailure.Reason.WORKOS_UNAVAILABLE, "WorkOS sent no answer", cleanup);
        }
        if (response.getAccessToken() == null || response.getRefreshToken() == null || response.getUser() == null) {
            return failure(ctx, options, CallbackFailure.Reason.INVALID_RESPONSE, "response is missing tokens", cleanup);
        }
        Session session = WorkOSResponses.session(response, Optional.empty());
        Optional<TokenClaims> claims = TokenClaims.decodeUnverified(session.accessToken());
        if (claims.isEmpty() || !claims.get().subject().filter(session.user().id()::equals).isPresent()) {
            return failure(ctx, options, CallbackFailure.Reason.INVALID_RESPONSE, "the access token is not the user's", cleanup);
        }
        CallbackSuccess success = new CallbackSuccess(session, Optional.ofNullable(response.getOrganizationId()),
                state.customState(), response);
        Session stored;
        try {
            stored = options.onSuccess().handle(success).orElse(session);
        } catch (Exception e) {
            LOG.warn("[AuthKit callback error] onSuccess threw {}", e.getClass().getName());
            return failure(ctx, options, CallbackFailure.Reason.INVALID_RESPONSE, "the sign-in could not be completed", cleanup);
        }
        String returnPath = UrlPaths.returnPathAndQuery(state.returnPathname()
                .filter(r -> SignInFlow.fits(r, SignInFlow.MAX_RETURN_TO_BYTES)).orElse(defaultReturnPath(ctx, options)));
        String origin = options.baseUrl().map(HttpUrls::originOf).orElse(ctx.origin());
        List<SetCookie> out = new ArrayList<>(cleanup);
        SessionCookies.Written written = sessions.write(ctx, stored, true);
        out.addAll(written.cookies());
        if (written.tooLarge()) {
            decisions.decide("signed in user " + stored.user().id() + ", but the session is too large for cookies: error page");
            return ErrorPages.sessionTooLarge(ctx, out);
        }
        decisions.decide("signed in user " + stored.user().id() + ", returning to " + returnPath);
        events.emit(new AuthKitEvent.SignedIn(events.now(), stored.user().id(), claims.get().sessionId(),
                claims.get().organizationId()));
        return new Outcome.Redirect(origin + returnPath, status, out, Outcomes.noStore());
    }

    private static Optional<JsonNode> json(String text) {
        try {
            return Optional.ofNullable(JSON.readTree(text)).filter(JsonNode::isObject);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode n, String field) {
        return Optional.ofNullable(n.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** {@link CallbackOptions#returnPathname()}; its default {@code /} means the application's root, under a context path too. */
    private static String defaultReturnPath(RequestContext ctx, CallbackOptions options) {
        return options.returnPathname().equals("/") ? ctx.rootPath() : options.returnPathname();
    }

    private Outcome failure(RequestContext ctx, CallbackOptions options, CallbackFailure.Reason reason, String message,
                            List<SetCookie> cleanup) {
        LOG.warn("[AuthKit callback error] {}: {}", reason, message);
        CallbackFailure failure = new CallbackFailure(reason, message, ctx.request());
        Optional<Outcome> custom = Optional.empty();
        try {
            custom = options.onError().handle(failure);
        } catch (Exception e) {
            LOG.warn("[AuthKit callback error] onError threw {}; sending the default error", e.getClass().getName());
        }
        if (custom.isPresent()) {
            return Outcomes.withExtras(custom.get(), cleanup, Outcomes.noStore());
        }
        if (ctx.isDocumentRequest()) {
            return ErrorPages.of(ctx, reason.status(), "sign_in_failed", "We couldn't sign you in. Please try signing in "
                    + "again; if it keeps failing, contact your organization admin.", cleanup, Outcomes.noStore());
        }
        return new Outcome.Respond(reason.status(), "application/json", DEFAULT_ERROR_BODY, cleanup,
                Outcomes.rendered(Outcomes.noStore()));
    }

    private static Optional<State> parseState(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject() || !n.path("nonce").isTextual() || !n.path("codeVerifier").isTextual()) {
                return Optional.empty();
            }
            JsonNode custom = n.get("customState");
            JsonNode rp = n.get("returnPathname");
            if ((custom != null && !custom.isTextual() && !custom.isNull()) || (rp != null && !rp.isTextual() && !rp.isNull())) {
                return Optional.empty();
            }
            return Optional.of(new State(n.get("codeVerifier").asText(),
                    Optional.ofNullable(custom).filter(JsonNode::isTextual).map(JsonNode::asText),
                    Optional.ofNullable(rp).filter(JsonNode::isTextual).map(JsonNode::asText)));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
