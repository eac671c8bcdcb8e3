package dev.authkit.core.internal.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.workos.WorkOS;
import com.workos.models.AuthenticateResponse;
import dev.authkit.core.CallbackFailure;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.CallbackSuccess;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Outcome;
import dev.authkit.core.Session;
import dev.authkit.core.SetCookie;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.outcome.ErrorPages;
import dev.authkit.core.internal.outcome.Outcomes;
import dev.authkit.core.internal.request.HttpUrls;
import dev.authkit.core.internal.request.Query;
import dev.authkit.core.internal.request.RequestContext;
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
    private static final String DEFAULT_ERROR_BODY = "{\"error\":{\"message\":\"Something went wrong\",\"description\":"
            + "\"Couldn't sign in. If you are not sure what happened, please contact your organization admin.\"}}";

    private final CookieSealer sealer;
    private final WorkOS workos;
    private final SessionCookies sessions;
    private final CookieFactory cookies;
    private final DecisionLog decisions;

    public CallbackFlow(WorkOS workos, SessionCookies sessions, boolean debug) {
        this.sealer = sessions.sealer();
        this.workos = workos;
        this.sessions = sessions;
        this.cookies = sessions.factory();
        this.decisions = new DecisionLog(LOG, debug);
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
        AuthenticateResponse response;
        try {
            response = workos.getUserManagement().authenticateWithCode(code, state.get().codeVerifier());
        } catch (RuntimeException e) {
            WorkOSResponses.Failure f = WorkOSResponses.classify(e);
            LOG.warn("[AuthKit callback error] code exchange failed: {}", f.description());
            return f.isTransient()
                    ? failure(ctx, options, CallbackFailure.Reason.WORKOS_UNAVAILABLE, "WorkOS could not be reached: " + f.description(), cleanup)
                    : failure(ctx, options, CallbackFailure.Reason.CODE_REJECTED, "WorkOS rejected the sign-in: " + f.description(), cleanup);
        }
        if (response == null || response.getAccessToken() == null || response.getRefreshToken() == null || response.getUser() == null) {
            return failure(ctx, options, CallbackFailure.Reason.INVALID_RESPONSE, "response is missing tokens", cleanup);
        }
        Session session = WorkOSResponses.session(response, Optional.empty());
        Optional<TokenClaims> claims = TokenClaims.decodeUnverified(session.accessToken());
        if (claims.isEmpty() || !claims.get().subject().filter(session.user().id()::equals).isPresent()) {
            return failure(ctx, options, CallbackFailure.Reason.INVALID_RESPONSE, "the access token is not the user's", cleanup);
        }
        CallbackSuccess success = new CallbackSuccess(session, Optional.ofNullable(response.getOrganizationId()),
                state.get().customState(), response);
        Session stored;
        try {
            stored = options.onSuccess().handle(success).orElse(session);
        } catch (Exception e) {
            LOG.warn("[AuthKit callback error] onSuccess threw {}", e.getClass().getName());
            return failure(ctx, options, CallbackFailure.Reason.INVALID_RESPONSE, "the sign-in could not be completed", cleanup);
        }
        String returnPath = UrlPaths.returnPathAndQuery(state.get().returnPathname()
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
        return new Outcome.Redirect(origin + returnPath, 307, out, Outcomes.noStore());
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
        return new Outcome.Respond(reason.status(), "application/json", DEFAULT_ERROR_BODY, cleanup, Outcomes.noStore());
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
