package dev.authkit.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.workos.WorkOS;
import com.workos.models.AuthenticateResponse;
import com.workos.usermanagement.AuthKitAuthUrlsKt;
import com.workos.usermanagement.AuthKitAuthorizationUrlOptions;
import com.workos.usermanagement.AuthKitLogoutUrlOptions;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.crypto.Fnv1a;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.request.UrlPaths;
import dev.authkit.core.internal.workos.WorkOSResponses;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser round trips: sign-in and sign-up URLs, the callback, and sign-out.
 *
 * <p>Every sign-in is protected by PKCE (S256) and by a double-submitted state: the OAuth
 * {@code state} is the sealed {@code {nonce, codeVerifier, customState, returnPathname}} (valid ten
 * minutes), and the same value is set as the cookie {@code wos-auth-verifier-<fnv1a32(state)>}. The
 * callback accepts only a state equal to that cookie (compared in constant time), exchanges the
 * code with the verifier, and sends the user back to a path on this application only.
 *
 * <p>Obtained from {@link AuthKit#flow()}. Thread-safe.
 */
public final class AuthFlow {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFlow.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Past this many pending sign-ins, stale verifier cookies are cleared (browsers answer 431 to huge Cookie headers). */
    static final int MAX_PENDING_VERIFIERS = 5;
    /** The verifier's Set-Cookie must fit comfortably under browsers' 4 KiB cookie limit. */
    static final int MAX_VERIFIER_SET_COOKIE_BYTES = 3800;
    /**
     * A return path longer than this many UTF-8 bytes is dropped (the sign-in lands on {@code /}):
     * it travels twice, sealed in the state of the authorization URL and in the verifier cookie,
     * and both must stay well inside the 8 KiB of response headers servers allow.
     */
    static final int MAX_RETURN_TO_BYTES = 1024;
    /** A verifier {@code Set-Cookie} past this many bytes is sealed again without the return path. */
    static final int VERIFIER_BUDGET_BYTES = 2600;
    /** A {@code loginHint} longer than this many UTF-8 bytes (an email address has at most 254) is dropped. */
    static final int MAX_LOGIN_HINT_BYTES = 256;
    /** An {@code organizationId} longer than this many UTF-8 bytes (WorkOS ids have about 30) is dropped. */
    static final int MAX_ORGANIZATION_ID_BYTES = 64;
    static final Duration STATE_TTL = Duration.ofSeconds(600);
    static final String NO_STORE = "private, no-cache, no-store, must-revalidate, max-age=0";
    private static final String DEFAULT_ERROR_BODY = "{\"error\":{\"message\":\"Something went wrong\",\"description\":"
            + "\"Couldn't sign in. If you are not sure what happened, please contact your organization admin.\"}}";

    private final AuthKitConfig config;
    private final CookieSealer sealer;
    private final WorkOS workos;
    private final SessionManager sessions;
    private final CookieFactory cookies;
    private final Set<String> allowedReturnOrigins;
    private final DecisionLog decisions;
    private final URI redirectUri;

    /**
     * @param redirectUri the redirect URI in use: {@link AuthKit.Builder#redirectUri}'s override, else the
     *                    configured one; every sign-in this flow starts comes back there
     */
    AuthFlow(AuthKitConfig config, CookieSealer sealer, WorkOS workos, SessionManager sessions,
             Set<String> allowedReturnOrigins, URI redirectUri, boolean debug) {
        this.config = config;
        this.redirectUri = redirectUri;
        this.sealer = sealer;
        this.workos = workos;
        this.sessions = sessions;
        this.cookies = sessions.cookies();
        this.allowedReturnOrigins = allowedReturnOrigins;
        this.decisions = new DecisionLog(LOG, debug);
    }

    // ------------------------------------------------------------------ sign-in

    /**
     * A sign-in URL and the verifier cookie that must go with the redirect to it. It comes back to
     * the redirect URI in use (the builder's override, else the configuration's) unless
     * {@code options} names another.
     */
    public AuthorizationRedirect signInUrl(AuthKitRequest request, SignInOptions options) {
        return authorization(RequestContext.of(request), options, true);
    }

    /** {@link #signInUrl} opening on the sign-up screen. */
    public AuthorizationRedirect signUpUrl(AuthKitRequest request, SignInOptions options) {
        return signInUrl(request, options.toBuilder().screenHint(ScreenHint.SIGN_UP).build());
    }

    /**
     * Builds the authorization URL and, when {@code setCookie}, the verifier cookie plus deletions
     * of stale ones.
     */
    AuthorizationRedirect authorization(RequestContext ctx, SignInOptions options, boolean setCookie) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String nonce = UUID.randomUUID().toString();
        Optional<String> returnTo = bounded(options.returnTo(), MAX_RETURN_TO_BYTES, "return path");
        Optional<String> loginHint = bounded(options.loginHint(), MAX_LOGIN_HINT_BYTES, "loginHint");
        Optional<String> organizationId = bounded(options.organizationId(), MAX_ORGANIZATION_ID_BYTES, "organizationId");
        String sealedState = sealState(nonce, verifier, options.state(), returnTo);
        if (setCookie && verifierCookieBytes(ctx, sealedState) > VERIFIER_BUDGET_BYTES && returnTo.isPresent()) {
            decisions.decide("sign-in state too large with its return path: the sign-in will land on /");
            returnTo = Optional.empty();
            sealedState = sealState(nonce, verifier, options.state(), returnTo);
        }
        if (setCookie && verifierCookieBytes(ctx, sealedState) > MAX_VERIFIER_SET_COOKIE_BYTES) {
            LOG.warn("[AuthKit] the custom sign-in state does not fit in the verifier cookie; it is dropped");
            sealedState = sealState(nonce, verifier, Optional.empty(), returnTo);
        }
        String redirectUri = options.redirectUri().orElse(this.redirectUri.toString());
        String url = AuthKitAuthUrlsKt.getAuthorizationUrl(workos.getUserManagement(), new AuthKitAuthorizationUrlOptions(
                redirectUri, config.clientId(), "authkit", null, organizationId.orElse(null), sealedState,
                challenge(verifier), "S256", null, loginHint.orElse(null), options.screenHint().value(),
                options.prompt().orElse(null), null, null, null));
        if (!setCookie) {
            return new AuthorizationRedirect(url, List.of());
        }
        List<SetCookie> out = new ArrayList<>(staleVerifierDeletions(ctx));
        out.add(cookies.verifier(ctx, verifierCookieName(sealedState), sealedState));
        return new AuthorizationRedirect(url, out);
    }

    private String sealState(String nonce, String verifier, Optional<String> customState, Optional<String> returnTo) {
        ObjectNode state = JSON.createObjectNode();
        state.put("nonce", nonce);
        state.put("codeVerifier", verifier);
        customState.ifPresent(s -> state.put("customState", s));
        returnTo.ifPresent(r -> state.put("returnPathname", r));
        return sealer.seal(state.toString(), STATE_TTL);
    }

    private int verifierCookieBytes(RequestContext ctx, String sealedState) {
        return cookies.verifier(ctx, verifierCookieName(sealedState), sealedState).headerValue()
                .getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@code value} when it has at most {@code maxBytes} UTF-8 bytes; a longer one is dropped, never an error. */
    private Optional<String> bounded(Optional<String> value, int maxBytes, String what) {
        if (value.isPresent() && !fits(value.get(), maxBytes)) {
            decisions.decide("sign-in " + what + " longer than " + maxBytes + " bytes dropped");
            return Optional.empty();
        }
        return value;
    }

    /** Whether {@code s} has at most {@code maxBytes} UTF-8 bytes (checked without encoding a huge string). */
    static boolean fits(String s, int maxBytes) {
        return s.length() <= maxBytes && s.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }

    /**
     * Once {@value #MAX_PENDING_VERIFIERS} or more verifier cookies are pending, they are cleared, at
     * most {@value CookieFactory#MAX_VERIFIER_DELETIONS} per response (the rest on later ones).
     */
    private List<SetCookie> staleVerifierDeletions(RequestContext ctx) {
        List<String> pending = ctx.cookies().keySet().stream()
                .filter(n -> n.startsWith(CookieFactory.VERIFIER_PREFIX)).collect(Collectors.toList());
        if (pending.size() < MAX_PENDING_VERIFIERS) {
            return List.of();
        }
        return cookies.verifierDeletions(ctx, pending);
    }

    static String verifierCookieName(String sealedState) {
        return CookieFactory.VERIFIER_PREFIX + "-" + Fnv1a.hex32(sealedState);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ callback

    /** The parts of an unsealed state. */
    private record State(String codeVerifier, Optional<String> customState, Optional<String> returnPathname) {
    }

    /**
     * Completes a sign-in at the redirect URI: checks {@code code}, {@code state} and the verifier
     * cookie, exchanges the code, stores the session and redirects (307) to the return path on
     * this application's origin (or {@code baseUrl}'s). Failures answer with {@code onError}'s
     * response or a JSON error that names nothing secret: 400 for a bad or stale request, 502 when
     * WorkOS fails. The verifier cookie is cleared either way.
     */
    public Outcome handleCallback(AuthKitRequest request, CallbackOptions options) {
        RequestContext ctx = RequestContext.of(request);
        Map<String, String> query = query(ctx.rawQuery());
        String code = query.get("code");
        String stateParam = query.get("state");
        List<SetCookie> cleanup = new ArrayList<>();
        if (stateParam != null && !stateParam.isEmpty()) {
            String name = verifierCookieName(stateParam);
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
        Optional<String> cookie = ctx.cookie(verifierCookieName(stateParam))
                .or(() -> ctx.cookie(CookieFactory.VERIFIER_PREFIX));
        if (cookie.isEmpty()) {
            return failure(ctx, options, CallbackFailure.Reason.MISSING_PKCE_COOKIE,
                    "Sign-in session could not be verified. Please try signing in again.", cleanup);
        }
        if (!MessageDigest.isEqual(cookie.get().getBytes(StandardCharsets.UTF_8), stateParam.getBytes(StandardCharsets.UTF_8))) {
            return failure(ctx, options, CallbackFailure.Reason.OAUTH_STATE_MISMATCH, "OAuth state mismatch", cleanup);
        }
        Optional<State> state = sealer.unseal(stateParam).flatMap(AuthFlow::parseState);
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
        Session stored = session;
        try {
            stored = options.onSuccess().handle(success).orElse(session);
        } catch (Exception e) {
            LOG.warn("[AuthKit callback error] onSuccess threw {}", e.getClass().getName());
            return failure(ctx, options, CallbackFailure.Reason.INVALID_RESPONSE, "the sign-in could not be completed", cleanup);
        }
        String returnPath = UrlPaths.returnPathAndQuery(state.get().returnPathname()
                .filter(r -> fits(r, MAX_RETURN_TO_BYTES)).orElse(defaultReturnPath(ctx, options)));
        String origin = options.baseUrl().map(AuthFlow::origin).orElse(ctx.origin());
        List<SetCookie> out = new ArrayList<>(cleanup);
        out.add(sessions.sessionCookie(ctx, stored));
        decisions.decide("signed in user " + stored.user().id() + ", returning to " + returnPath);
        return new Outcome.Redirect(origin + returnPath, 307, out, noStore());
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
            return withExtras(custom.get(), cleanup, noStore());
        }
        if (ctx.isDocumentRequest()) {
            return ErrorPage.of(ctx, reason.status(), "sign_in_failed", "We couldn't sign you in. Please try signing in "
                    + "again; if it keeps failing, contact your organization admin.", cleanup, noStore());
        }
        return new Outcome.Respond(reason.status(), "application/json", DEFAULT_ERROR_BODY, cleanup, noStore());
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

    // ------------------------------------------------------------------ sign-out

    /**
     * Ends the session: clears the session cookie, every pending verifier cookie and the eager
     * access-token cookie, then redirects to WorkOS's logout URL for the session (which ends it
     * at WorkOS and comes back to {@code returnTo}). Without a session it redirects straight to
     * {@code returnTo}, or the application's root ({@code /}, or the context path's root).
     *
     * <p>{@code returnTo} must be a path on this application or a URL on an allowed origin
     * (the redirect URI's, and those given to {@link AuthKit.Builder#allowedReturnOrigins}); anything
     * else is ignored, so sign-out cannot be turned into an open redirect.
     */
    public Outcome signOut(AuthKitRequest request, Optional<String> returnTo) {
        RequestContext ctx = RequestContext.of(request);
        Optional<String> safeReturn = returnTo.flatMap(r -> safeReturnTo(ctx, r));
        if (returnTo.isPresent() && safeReturn.isEmpty()) {
            decisions.decide("sign-out returnTo is neither a local path nor on an allowed origin: ignored");
        }
        List<SetCookie> out = new ArrayList<>();
        if (ctx.cookies().containsKey(config.cookieName())) {
            out.add(cookies.sessionDeletion(ctx));
        }
        out.addAll(cookies.verifierDeletions(ctx, ctx.cookies().keySet().stream()
                .filter(n -> n.startsWith(CookieFactory.VERIFIER_PREFIX)).collect(Collectors.toList())));
        if (ctx.cookies().containsKey(CookieFactory.EAGER_ACCESS_TOKEN)) {
            out.add(cookies.eagerAccessTokenDeletion(ctx));
        }
        Optional<String> sessionId = sessions.read(ctx)
                .flatMap(s -> TokenClaims.decodeUnverified(s.accessToken()))
                .flatMap(TokenClaims::sessionId);
        String location;
        if (sessionId.isPresent()) {
            AuthKitLogoutUrlOptions logout = safeReturn.isPresent()
                    ? new AuthKitLogoutUrlOptions(sessionId.get(), safeReturn.get())
                    : new AuthKitLogoutUrlOptions(sessionId.get());
            location = AuthKitAuthUrlsKt.getLogoutUrl(workos.getUserManagement(), logout);
            decisions.decide("signing out session " + sessionId.get());
        } else {
            location = safeReturn.orElse(ctx.origin() + ctx.rootPath());
            decisions.decide("sign-out without a session");
        }
        return new Outcome.Redirect(location, ctx.redirectStatus(), out, noStore());
    }

    /** {@code path} when it is a path on this origin ({@code /x}, not {@code //host} or {@code /\host}), else {@code fallback}. */
    static String localPathOr(String path, String fallback) {
        return isLocalPath(path) ? path : fallback;
    }

    private static boolean isLocalPath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")
                && path.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
    }

    /** An absolute URL for {@code returnTo}, or empty when it would leave this application's allowed origins. */
    Optional<String> safeReturnTo(RequestContext ctx, String returnTo) {
        if (returnTo.isEmpty() || !fits(returnTo, MAX_RETURN_TO_BYTES)
                || returnTo.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return Optional.empty();
        }
        if (isLocalPath(returnTo)) {
            return Optional.of(ctx.origin() + returnTo);
        }
        try {
            URI uri = new URI(returnTo);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return allowedReturnOrigins.contains(origin(uri)) || origin(uri).equals(ctx.origin())
                    ? Optional.of(uri.toString()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ helpers

    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    static List<Header> noStore() {
        return List.of(new Header("Vary", "Cookie"), new Header("Cache-Control", NO_STORE));
    }

    static Outcome withExtras(Outcome o, List<SetCookie> extraCookies, List<Header> extraHeaders) {
        List<SetCookie> c = SessionManager.concat(o.cookies(), extraCookies);
        List<Header> h = new ArrayList<>(o.headers());
        h.addAll(extraHeaders);
        if (o instanceof Outcome.Redirect r) {
            return new Outcome.Redirect(r.location(), r.status(), c, h);
        }
        if (o instanceof Outcome.Respond r) {
            return new Outcome.Respond(r.status(), r.contentType(), r.body(), c, h);
        }
        Outcome.Continue k = (Outcome.Continue) o;
        return new Outcome.Continue(k.auth(), c, h);
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = UrlPaths.percentDecode((eq < 0 ? pair : pair.substring(0, eq)).replace('+', ' '));
            String value = eq < 0 ? "" : UrlPaths.percentDecode(pair.substring(eq + 1).replace('+', ' '));
            out.putIfAbsent(name, value);
        }
        return out;
    }

}
