package dev.authkit.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.workos.WorkOS;
import com.workos.common.http.RetryConfig;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.crypto.JwtVerifier;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.request.UrlPaths;
import dev.authkit.core.internal.workos.WorkOSClients;
import dev.authkit.core.internal.workos.WorkOSResponses;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * authkit-java's entry point: one per application, built from an {@link AuthKitConfig}, shared by
 * all requests (thread-safe). Adapters call {@link #handle(AuthKitRequest)} on every request (the
 * equivalent of authkit-nextjs's middleware) and carry out the {@link Outcome}; applications use
 * {@link #flow()} for sign-in URLs, the callback and sign-out, and {@link #sessions()} for custom
 * flows.
 *
 * <pre>{@code
 * AuthKit authKit = AuthKit.builder(AuthKitConfig.fromEnvironment())
 *         .middlewareAuth(true)
 *         .unauthenticatedPaths("/", "/about", "/public/:path*")
 *         .signUpPaths("/join")
 *         .build();
 * }</pre>
 */
public final class AuthKit {
    private static final Logger LOG = LoggerFactory.getLogger(AuthKit.class);
    /** The headers of every response that involves a session, built once. */
    private static final List<Header> VARY_COOKIE = List.of(new Header("Vary", "Cookie"),
            new Header("Cache-Control", AuthFlow.NO_STORE));
    private static final List<Header> VARY_COOKIE_AUTHORIZATION = List.of(new Header("Vary", "Cookie, Authorization"),
            new Header("Cache-Control", AuthFlow.NO_STORE));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthKitConfig config;
    private final WorkOS workos;
    private final SessionManager sessions;
    private final AuthFlow flow;
    private final boolean middlewareAuth;
    private final List<PathMatcher> unauthenticatedPaths;
    private final List<PathMatcher> signUpPaths;
    private final String redirectPath;
    private final boolean eagerAuth;
    private final DecisionLog decisions;
    private final Routes routes;
    private final CallbackOptions callbackOptions;
    private final BrowserApi api;
    private final BrowserClient client;
    private final boolean acceptBearerTokens;
    private final PathPolicy pathPolicy;

    private AuthKit(Builder b) {
        this.config = b.config;
        this.workos = b.workos != null ? b.workos : WorkOSClients.create(config, RetryConfig.DISABLED);
        CookieSealer sealer = b.sealer != null ? b.sealer : CookieSealer.iron(config.cookiePassword());
        JwtVerifier verifier = new JwtVerifier(config.apiBaseUrl() + "/sso/jwks/" + config.clientId(), b.httpTimeout, b.clock);
        this.decisions = new DecisionLog(LOG, b.debug);
        RefreshCoordination coordination = b.refreshCoordination != null ? b.refreshCoordination
                : RefreshCoordination.inProcess(b.clock);
        this.sessions = new SessionManager(config, sealer, verifier, workos, b.clock, b.refreshBuffer, coordination,
                b.refreshGracePeriod, b.onRefreshSuccess, b.onRefreshError, b.debug);
        Set<String> origins = new LinkedHashSet<>(b.allowedReturnOrigins);
        origins.add(AuthFlow.origin(config.redirectUri()));
        java.net.URI redirect = b.redirectUri.map(java.net.URI::create).orElse(config.redirectUri());
        origins.add(AuthFlow.origin(redirect));
        this.flow = new AuthFlow(config, sealer, workos, sessions, Set.copyOf(origins), redirect, b.debug);
        this.middlewareAuth = b.middlewareAuth;
        this.unauthenticatedPaths = compile(b.unauthenticatedPaths, "unauthenticatedPaths");
        this.signUpPaths = compile(b.signUpPaths, "signUpPaths");
        this.redirectPath = UrlPaths.canonicalPath(redirect.getRawPath());
        this.eagerAuth = b.eagerAuth;
        this.routes = b.routes;
        this.callbackOptions = b.callbackOptions;
        this.api = new BrowserApi(this);
        this.client = new BrowserClient(routes);
        this.acceptBearerTokens = b.acceptBearerTokens;
        this.pathPolicy = b.pathPolicy;
    }

    /** Starts a builder; see {@link Builder} for the options and their defaults. */
    public static Builder builder(AuthKitConfig config) {
        return new Builder(config);
    }

    /** An AuthKit with default options: sessions managed, no route protection. */
    public static AuthKit create(AuthKitConfig config) {
        return builder(config).build();
    }

    public AuthKitConfig config() {
        return config;
    }

    public SessionManager sessions() {
        return sessions;
    }

    public AuthFlow flow() {
        return flow;
    }

    /** The WorkOS SDK client authkit uses, for APIs authkit does not wrap (authkit-nextjs {@code getWorkOS()}). */
    public WorkOS workos() {
        return workos;
    }

    /** The browser client served at {@link Routes#client()}, e.g. for its cache-busting {@link BrowserClient#scriptUrl()}. */
    public BrowserClient browserClient() {
        return client;
    }

    /**
     * True for request headers an application must never see from the client: every
     * {@code x-workos-*} header (authkit-nextjs used such headers internally; stripping them stops
     * spoofing). Adapters hide these from the application.
     */
    public static boolean isReservedRequestHeader(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).startsWith("x-workos-");
    }

    /**
     * Everything authkit does for one request, the one call an adapter makes:
     * <ol>
     * <li>a raw path the {@link PathPolicy} refuses (ambiguous: {@code %2F}, {@code ..}, {@code //},
     *     {@code ;}, ...) is answered with 400 before anything routes;</li>
     * <li>the built-in {@link Routes} (callback, sign-in, sign-up, sign-out, the browser client) are
     *     answered;</li>
     * <li>with {@link Builder#acceptBearerTokens}, a bearer token signs the request in or gets 401;</li>
     * <li>the session is resolved once (refreshed when due); the JSON {@link BrowserApi} and every
     *     later step use that resolution and never read the cookie again;</li>
     * <li>when route protection is on and the path is not public, a signed-out visitor gets
     *     {@link #signInRequired}: a page load is sent to AuthKit (307 for GET and HEAD, 303
     *     otherwise) returning to this path and query, a script gets 401; while WorkOS cannot be
     *     reached to refresh a stale session, the answer is 503 with {@code Retry-After} and the
     *     session cookie is kept;</li>
     * <li>otherwise the request continues with its {@link Auth} and the cookies and headers to add
     *     (a public path continues signed out during a WorkOS outage).</li>
     * </ol>
     * Never throws and never answers 5xx for bad client input: a hostile cookie is a signed-out
     * request, an oversized return path is dropped, a hostile path is a 400. Should a defect still
     * throw, the request is answered with a 400 (never the exception's text) and the exception's
     * type is logged at ERROR.
     */
    public Outcome handle(AuthKitRequest request) {
        try {
            return process(request);
        } catch (RuntimeException e) {
            StackTraceElement[] at = e.getStackTrace();
            // the message may quote client input or a token, so only the type and place are logged
            LOG.error("[AuthKit] request not processed: {} at {}", e.getClass().getName(), at.length > 0 ? at[0] : "?");
            return new Outcome.Respond(400, "application/json", NOT_PROCESSED, List.of(), List.of());
        }
    }

    /** The body of the answer to a request {@link #handle} could not process. */
    static final String NOT_PROCESSED = "{\"error\":\"request_not_processed\"}";

    private Outcome process(AuthKitRequest request) {
        RequestContext ctx = RequestContext.of(request);
        Optional<PathPolicy.Violation> ambiguous = pathPolicy.check(ctx.rawPath());
        if (ambiguous.isPresent()) {
            decisions.decide("Ambiguous request path refused: " + ambiguous.get().rule());
            return pathRefused(ambiguous.get());
        }
        Optional<Outcome> route = route(ctx);
        if (route.isPresent()) {
            return route.get();
        }
        if (acceptBearerTokens) {
            Optional<Outcome> bearer = bearer(ctx);
            if (bearer.isPresent()) {
                return bearer.get();
            }
        }
        Optional<String> apiEndpoint = routes.api().flatMap(prefix -> endpoint(ctx.appPath(), prefix));
        boolean exchangesItself = apiEndpoint.filter(BrowserApi::exchangesRefreshToken).isPresent()
                && ctx.method().equals("POST");
        SessionManager.Resolution session = sessions.resolve(ctx, !exchangesItself);
        List<Header> headers = cacheHeaders(ctx, session);
        if (apiEndpoint.isPresent()) {
            return api.handle(ctx, apiEndpoint.get(), session);
        }
        List<SetCookie> cookies = new ArrayList<>(session.cookies());
        Auth auth = session.auth();
        if (middlewareAuth && !auth.isSignedIn() && !isPublic(ctx)) {
            if (session.unavailable()) {
                decisions.decide("WorkOS unavailable while refreshing the session on protected route " + ctx.rawPath()
                        + ": 503, cookie kept");
                return unavailable(ctx, cookies, headers);
            }
            if (eagerAuth && session.failure().filter(f -> !f.isTransient()).isPresent()
                    && ctx.cookies().containsKey(CookieFactory.EAGER_ACCESS_TOKEN)) {
                cookies.add(sessions.cookies().eagerAccessTokenDeletion(ctx));
            }
            decisions.decide("Unauthenticated user on protected route " + ctx.rawPath() + ", sign-in required");
            return merged(signInRequired(ctx, ctx.pathAndQuery(), screenFor(ctx, ctx.canonicalPath())), cookies, headers);
        }
        if (eagerAuth) {
            eagerCookie(ctx, session).ifPresent(cookies::add);
        }
        return new Outcome.Continue(auth, cookies, headers);
    }

    /** The 400 for a path the {@link PathPolicy} refuses: the reason in plain words, no echo of the path. */
    static Outcome pathRefused(PathPolicy.Violation violation) {
        return new Outcome.Respond(400, "text/plain; charset=utf-8", "400 Bad Request\n\n" + violation.message() + "\n",
                List.of(), List.of());
    }

    /** How long a client should wait before trying again while WorkOS is unreachable, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /**
     * The decision when a page or API needs a signed-in user and there is none: a browser's page
     * load (see {@code Accept: text/html}) is redirected to AuthKit with the verifier cookie (307
     * after GET or HEAD, 303 otherwise), returning to this request's path and query, on the
     * sign-up screen when the path is one of {@link Builder#signUpPaths}; anything else (a script,
     * an API client) gets 401 JSON {@code {"error":"unauthorized","signInUrl":..}} with
     * {@code WWW-Authenticate: Bearer realm="authkit"} and no cookie, where {@code signInUrl} is
     * this application's sign-in route (which starts the flow when a browser navigates to it).
     * Never cached.
     */
    public Outcome signInRequired(AuthKitRequest request) {
        RequestContext ctx = RequestContext.of(request);
        return signInRequired(ctx, ctx.pathAndQuery(), screenFor(ctx, ctx.canonicalPath()));
    }

    /**
     * The decision when a signed-in user may not do this (a missing role or permission): 403, a
     * short HTML page for a browser's page load, JSON {@code {"error":"forbidden","message":reason}}
     * otherwise. Never cached.
     *
     * @param reason one sentence for the user, such as "You need the admin role."; no secrets
     */
    public Outcome forbidden(AuthKitRequest request, String reason) {
        Objects.requireNonNull(reason, "reason");
        return ErrorPage.of(RequestContext.of(request), 403, "forbidden", reason);
    }

    /**
     * Whether {@code auth} may do what {@code rule} demands, answered the same way for every
     * adapter: empty when it may; else the outcome to send instead. A signed-out caller gets
     * {@link #signInRequired} (a page load is sent to sign in, anything else gets 401); a signed-in
     * caller without the role or permission gets {@link #forbidden} (403) with one sentence that
     * names what is missing: "You need the role admin or owner in this organization.", "You need
     * the permission posts:write and posts:publish.", "No role may use this.". A
     * {@link AccessRule#denyAll()} rule answers 403 "Nobody may use this." to everyone, signed in
     * or not (signing in would not help).
     *
     * @param auth the request's {@link Auth}, from {@link #handle} (or an adapter's bearer check)
     */
    public Optional<Outcome> authorize(AuthKitRequest request, Auth auth, AccessRule rule) {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(rule, "rule");
        if (rule.kind() == AccessRule.Kind.PERMIT_ALL) {
            return Optional.empty();
        }
        if (rule.kind() == AccessRule.Kind.DENY_ALL) {
            return Optional.of(forbidden(request, "Nobody may use this."));
        }
        if (!auth.isSignedIn()) {
            return Optional.of(signInRequired(request));
        }
        if (rule.allowsNoRole()) {
            return Optional.of(forbidden(request, "No role may use this."));
        }
        if (!rule.anyRole().isEmpty() && rule.anyRole().stream().noneMatch(auth::hasRole)) {
            return Optional.of(forbidden(request, "You need the role " + String.join(" or ", rule.anyRole())
                    + " in this organization."));
        }
        List<String> missing = rule.allPermissions().stream().filter(p -> !auth.hasPermission(p)).toList();
        if (!missing.isEmpty()) {
            return Optional.of(forbidden(request, "You need the permission " + String.join(" and ", missing) + "."));
        }
        return Optional.empty();
    }

    private Outcome signInRequired(RequestContext ctx, String returnTo, ScreenHint hint) {
        if (ctx.isDocumentRequest()) {
            SignInOptions options = SignInOptions.builder().screenHint(hint).returnTo(returnTo).build();
            AuthorizationRedirect redirect = flow.authorization(ctx, options, true);
            return new Outcome.Redirect(redirect.url(), ctx.redirectStatus(), redirect.cookies(), AuthFlow.noStore());
        }
        ObjectNode body = JSON.createObjectNode().put("error", "unauthorized").put("message", "Sign in to continue.")
                .put("signInUrl", signInUrlFor(ctx, returnTo, hint));
        List<Header> h = new ArrayList<>(AuthFlow.noStore());
        h.add(new Header("WWW-Authenticate", "Bearer realm=\"authkit\""));
        return new Outcome.Respond(401, "application/json", body.toString(), List.of(), h,
                Optional.of(new Problem("unauthorized", "Sign in to continue.")));
    }

    /**
     * Where a script sends the browser to sign in: this application's sign-in (or sign-up) route,
     * which sets the verifier cookie when the browser arrives; without such routes, AuthKit's URL
     * itself (which then cannot set a cookie, so configure the routes for scripts).
     */
    private String signInUrlFor(RequestContext ctx, String returnTo, ScreenHint hint) {
        Optional<String> route = hint == ScreenHint.SIGN_UP ? routes.signUp().or(routes::signIn) : routes.signIn();
        if (route.isPresent()) {
            return ctx.origin() + ctx.contextPath() + route.get() + "?returnTo=" + java.net.URLEncoder.encode(returnTo, java.nio.charset.StandardCharsets.UTF_8);
        }
        return flow.authorization(ctx, SignInOptions.builder().screenHint(hint).returnTo(returnTo).build(), false).url();
    }

    /** 503 with {@code Retry-After} while WorkOS cannot be reached: a page for a browser, JSON for scripts. */
    private static Outcome unavailable(RequestContext ctx, List<SetCookie> cookies, List<Header> headers) {
        List<Header> h = new ArrayList<>(headers);
        h.add(new Header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
        return ErrorPage.of(ctx, 503, "workos_unavailable", "Sign-in is temporarily unavailable. Your session is kept; "
                + "please try again in a few seconds.", cookies, h);
    }

    /**
     * The screen a sign-in for {@code path} (as sent: context path included, any query) opens on:
     * sign-up for {@link Builder#signUpPaths}, which are relative to the context path.
     */
    ScreenHint screenFor(RequestContext ctx, String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        return matchesAny(signUpPaths, ctx.appPathOf(UrlPaths.canonicalPath(p))) ? ScreenHint.SIGN_UP : ScreenHint.SIGN_IN;
    }

    /** {@code o} with more cookies and the headers it does not already have. */
    static Outcome merged(Outcome o, List<SetCookie> cookies, List<Header> headers) {
        List<Header> extra = new ArrayList<>();
        for (Header h : headers) {
            if (o.headers().stream().noneMatch(x -> x.name().equalsIgnoreCase(h.name()))) {
                extra.add(h);
            }
        }
        return AuthFlow.withExtras(o, cookies, extra);
    }

    /**
     * The callback (at the redirect URI's absolute path), sign-in, sign-up, sign-out and
     * browser-client routes (relative to the context path), which need no session resolved first.
     */
    private Optional<Outcome> route(RequestContext ctx) {
        String path = ctx.appPath();
        Optional<Outcome> clientFile = client.handle(ctx, path);
        if (clientFile.isPresent()) {
            return clientFile;
        }
        if (routes.callback() && ctx.canonicalPath().equals(redirectPath)) {
            return Optional.of(flow.handleCallback(ctx.request(), callbackOptions));
        }
        boolean signIn = routes.signIn().filter(path::equals).isPresent();
        boolean signUp = routes.signUp().filter(path::equals).isPresent();
        if (signIn || signUp) {
            if (!ctx.method().equals("GET") && !ctx.method().equals("HEAD")) {
                return Optional.of(BrowserApi.methodNotAllowed(ctx, "GET"));
            }
            Map<String, String> query = AuthFlow.query(ctx.rawQuery());
            SignInOptions options = SignInOptions.builder().screenHint(signUp ? ScreenHint.SIGN_UP : ScreenHint.SIGN_IN)
                    .returnTo(AuthFlow.localPathOr(query.get("returnTo"), ctx.rootPath()))
                    .loginHint(query.get("loginHint")).organizationId(query.get("organizationId")).build();
            AuthorizationRedirect redirect = flow.authorization(ctx, options, true);
            return Optional.of(new Outcome.Redirect(redirect.url(), 307, redirect.cookies(), AuthFlow.noStore()));
        }
        if (routes.signOut().filter(path::equals).isPresent()) {
            if (!ctx.method().equals("POST")) {
                return Optional.of(BrowserApi.methodNotAllowed(ctx, "POST"));
            }
            if (!BrowserApi.sameOrigin(ctx)) {
                return Optional.of(BrowserApi.crossSite(ctx));
            }
            return Optional.of(flow.signOut(ctx.request(), Optional.ofNullable(AuthFlow.query(ctx.rawQuery()).get("returnTo"))));
        }
        return Optional.empty();
    }

    /**
     * {@code Authorization: Bearer <WorkOS access token>}: verified like the cookie's token. A valid
     * one continues as that user (no cookie is read or written); a bad, expired or empty one is a
     * 401 with a {@code WWW-Authenticate} header that says why, never a redirect. Other
     * {@code Authorization} schemes are left to the application.
     */
    private Optional<Outcome> bearer(RequestContext ctx) {
        Optional<String> header = ctx.request().header("Authorization");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        if (!value.regionMatches(true, 0, "Bearer", 0, 6) || (value.length() > 6 && value.charAt(6) != ' ')) {
            return Optional.empty();
        }
        String token = value.substring(6).trim();
        List<Header> headers = List.of(new Header("Vary", "Authorization"), new Header("Cache-Control", AuthFlow.NO_STORE));
        if (token.isEmpty()) {
            return Optional.of(unauthorized("invalid_request", "The Authorization header has no token", headers));
        }
        JwtVerifier.Result verdict = sessions.verifyAccessToken(token);
        if (verdict instanceof JwtVerifier.Valid v) {
            if (v.claims().subject().isEmpty()) {
                return Optional.of(unauthorized("invalid_token", "The access token has no subject", headers));
            }
            decisions.decide("bearer token of user " + v.claims().subject().get() + " accepted");
            return Optional.of(new Outcome.Continue(Auth.ofBearer(token, v.claims()), List.of(), headers));
        }
        String why = verdict instanceof JwtVerifier.Expired ? "The access token expired" : "The access token is invalid";
        decisions.decide("bearer token rejected: " + why);
        return Optional.of(unauthorized("invalid_token", why, headers));
    }

    private static Outcome unauthorized(String error, String description, List<Header> headers) {
        List<Header> h = new ArrayList<>(headers);
        h.add(new Header("WWW-Authenticate", "Bearer error=\"" + error + "\", error_description=\"" + description + "\""));
        return new Outcome.Respond(401, "application/json",
                "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}", List.of(), h,
                Optional.of(new Problem(error, description + ".")));
    }

    private static final java.util.regex.Pattern BEARER_VALUE = java.util.regex.Pattern.compile("Bearer\\s+(.*)",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);

    /**
     * Validates the WorkOS API key a machine client sends as {@code Authorization: Bearer <key>}
     * (authkit-nextjs 4.x {@code validateApiKey}): the header is matched like authkit-nextjs does
     * ({@code Bearer\s+(.*)}, case-insensitive, anywhere in the value); no header, another scheme or
     * an empty value is {@link ApiKeyValidation.Invalid} without a call to WorkOS (reference case
     * 76); otherwise WorkOS's {@code POST /api_keys/validations} decides. A WorkOS failure is
     * {@link ApiKeyValidation.Unavailable}, never a signed-in caller. Independent of the session
     * cookie and of {@link Builder#acceptBearerTokens} (which takes access tokens, not API keys).
     */
    public ApiKeyValidation validateApiKey(AuthKitRequest request) {
        String header = request.header("Authorization").orElse("");
        java.util.regex.Matcher m = BEARER_VALUE.matcher(header);
        String value = m.find() ? m.group(1).trim() : "";
        if (value.isEmpty()) {
            return new ApiKeyValidation.Invalid();
        }
        try {
            var response = workos.getApiKeys().createValidation(value);
            var key = response == null ? null : response.getApiKey();
            if (key == null) {
                decisions.decide("API key not recognized by WorkOS");
                return new ApiKeyValidation.Invalid();
            }
            var owner = key.getOwner();
            decisions.decide("API key " + key.getId() + " accepted");
            return new ApiKeyValidation.Valid(new ApiKey(key.getId(), key.getName(), owner == null ? null : owner.getType(),
                    owner == null ? null : owner.getId(), key.getPermissions()));
        } catch (RuntimeException e) {
            WorkOSResponses.Failure f = WorkOSResponses.classify(e);
            if (f.isTransient()) {
                LOG.warn("API key validation failed: WorkOS unavailable ({})", f.description());
                return new ApiKeyValidation.Unavailable("WorkOS unavailable: " + f.description());
            }
            decisions.decide("API key refused by WorkOS (" + f.description() + ")");
            return new ApiKeyValidation.Invalid();
        }
    }

    private static Optional<String> endpoint(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = path.substring(prefix.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return Optional.of("/");
        }
        return rest.startsWith("/") ? Optional.of(rest) : Optional.empty();
    }

    /**
     * Refreshes the request's current session now (authkit-nextjs {@code refreshSession}), into
     * {@code organizationId} when given, else keeping its organization. Pass the {@link Auth} that
     * {@link #handle} gave this request ({@code withAuth}): it holds the session as the request
     * has it now, refreshed or not, so the refresh token the request holds is used exactly once.
     *
     * <p>Only WorkOS saying the session is over ({@code invalid_grant}, a revoked session) signs
     * the user out ({@link RefreshOutcome.Failed} with the cookie deletion). WorkOS unreachable:
     * {@link RefreshOutcome.Failed} transient, nothing deleted. SSO or MFA enrollment demanded for
     * the organization: {@link RefreshOutcome.ReauthenticationRequired} with a sign-in for it that
     * returns to {@code /}. Any other refusal (not a member, no such organization):
     * {@link RefreshOutcome.Refused}, the session unchanged.
     */
    public RefreshOutcome refreshSession(AuthKitRequest request, Auth current, Optional<String> organizationId) {
        RequestContext ctx = RequestContext.of(request);
        return refresh(ctx, Objects.requireNonNull(current, "current").session(), organizationId, ctx.rootPath());
    }

    /**
     * {@link #refreshSession(AuthKitRequest, Auth, Optional)} with the session read from the
     * request's cookie, for code that runs without {@link #handle} (a custom flow). Behind an
     * adapter use the overload taking the request's {@link Auth}: {@code handle} may already have
     * refreshed the session, and the cookie's refresh token is then used up.
     */
    public RefreshOutcome refreshSession(AuthKitRequest request, Optional<String> organizationId) {
        RequestContext ctx = RequestContext.of(request);
        return refresh(ctx, sessions.read(ctx), organizationId, ctx.rootPath());
    }

    /**
     * One refresh-token exchange for the request's session.
     *
     * @param returnTo where a re-authentication demanded by WorkOS comes back to (a local path)
     */
    RefreshOutcome refresh(RequestContext ctx, Optional<Session> session, Optional<String> organizationId, String returnTo) {
        if (session.isEmpty()) {
            return new RefreshOutcome.SignedOut();
        }
        String org = organizationId.or(() -> TokenClaims.decodeUnverified(session.get().accessToken())
                .flatMap(TokenClaims::organizationId)).orElse(null);
        SessionManager.Exchange exchange = sessions.exchange(ctx, session.get(), org);
        if (exchange.ok()) {
            return new RefreshOutcome.Refreshed(Auth.of(exchange.session(), exchange.claims()),
                    List.of(sessions.sessionCookie(ctx, exchange.session())));
        }
        WorkOSResponses.Failure failure = exchange.failure();
        if (failure.authkitRedirectUrl().isPresent()) {
            return new RefreshOutcome.ReauthenticationRequired(failure.authkitRedirectUrl().get(), List.of());
        }
        if (failure.kind() == WorkOSResponses.Kind.SSO_REQUIRED || failure.kind() == WorkOSResponses.Kind.MFA_ENROLLMENT) {
            decisions.decide("WorkOS asks to sign in again for organization " + org + " (" + failure.description() + ")");
            AuthorizationRedirect redirect = flow.authorization(ctx, SignInOptions.builder()
                    .organizationId(org).returnTo(AuthFlow.localPathOr(returnTo, ctx.rootPath())).build(), true);
            return new RefreshOutcome.ReauthenticationRequired(redirect.url(), redirect.cookies());
        }
        if (failure.kind() == WorkOSResponses.Kind.REFUSED) {
            decisions.decide("WorkOS refused the refresh (" + failure.description() + "): session kept");
            String error = failure.error().orElse("refused");
            if (error.equals("organization_membership_required")) {
                return new RefreshOutcome.Refused(403, error, "You are not a member of that organization.");
            }
            if (failure.status() == 404 || error.equals("entity_not_found") || error.equals("organization_not_found")) {
                return new RefreshOutcome.Refused(404, "organization_not_found", "That organization does not exist.");
            }
            return new RefreshOutcome.Refused(409, error, "WorkOS refused the change (" + failure.description() + ").");
        }
        boolean ended = failure.endsSession();
        return new RefreshOutcome.Failed("refresh failed: " + failure.description(), !ended,
                ended ? List.of(sessions.cookies().sessionDeletion(ctx)) : List.of());
    }

    /**
     * Moves the request's current session ({@code current}, from {@link #handle}) into another
     * organization and redirects (303) to {@code returnTo} (a local path or an allowed origin,
     * default {@code /}). When WorkOS demands SSO or MFA for it: a redirect to a sign-in for that
     * organization that comes back to {@code returnTo}. When WorkOS refuses (not a member, no such
     * organization): 403, 404 or 409, the session kept. WorkOS unreachable: 503 with
     * {@code Retry-After}, the session kept. No session, or WorkOS ended it: {@link #signInRequired}.
     * Errors are a page for a browser's page load and JSON otherwise.
     */
    public Outcome switchToOrganization(AuthKitRequest request, Auth current, String organizationId,
                                        Optional<String> returnTo) {
        Objects.requireNonNull(current, "current");
        return switchTo(RequestContext.of(request), current.session(), organizationId, returnTo);
    }

    /**
     * {@link #switchToOrganization(AuthKitRequest, Auth, String, Optional)} with the session read
     * from the request's cookie, for code that runs without {@link #handle}.
     */
    public Outcome switchToOrganization(AuthKitRequest request, String organizationId, Optional<String> returnTo) {
        RequestContext ctx = RequestContext.of(request);
        return switchTo(ctx, sessions.read(ctx), organizationId, returnTo);
    }

    Outcome switchTo(RequestContext ctx, Optional<Session> session, String organizationId, Optional<String> returnTo) {
        Objects.requireNonNull(organizationId, "organizationId");
        String target = returnTo.flatMap(r -> flow.safeReturnTo(ctx, r)).orElse(ctx.origin() + ctx.rootPath());
        String localReturn = returnTo.filter(r -> AuthFlow.localPathOr(r, null) != null).orElse(ctx.rootPath());
        RefreshOutcome outcome = refresh(ctx, session, Optional.of(organizationId), localReturn);
        if (outcome instanceof RefreshOutcome.Refreshed r) {
            return new Outcome.Redirect(target, 303, r.cookies(), AuthFlow.noStore());
        }
        if (outcome instanceof RefreshOutcome.ReauthenticationRequired r) {
            return new Outcome.Redirect(r.authorizationUrl(), 303, r.cookies(), AuthFlow.noStore());
        }
        if (outcome instanceof RefreshOutcome.Refused r) {
            return ErrorPage.of(ctx, r.status(), r.error(), r.reason());
        }
        if (outcome instanceof RefreshOutcome.Failed f && f.isTransient()) {
            return unavailable(ctx, List.of(), List.of());
        }
        return merged(signInRequired(ctx, localReturn, screenFor(ctx, localReturn)), outcome.cookies(), List.of());
    }

    private Optional<SetCookie> eagerCookie(RequestContext ctx, SessionManager.Resolution session) {
        if (!ctx.isDocumentRequest()) {
            return Optional.empty();
        }
        if (!session.auth().isSignedIn()) {
            if (session.failure().filter(f -> !f.isTransient()).isPresent()
                    && ctx.cookies().containsKey(CookieFactory.EAGER_ACCESS_TOKEN)) {
                return Optional.of(sessions.cookies().eagerAccessTokenDeletion(ctx));
            }
            return Optional.empty();
        }
        String token = session.auth().accessToken().orElseThrow();
        if (!session.refreshed() && ctx.cookie(CookieFactory.EAGER_ACCESS_TOKEN).filter(token::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(sessions.cookies().eagerAccessToken(ctx, token));
    }

    /** {@code Vary} and {@code Cache-Control: private, no-store} whenever a session is involved, so no cache shares a user's page. */
    private List<Header> cacheHeaders(RequestContext ctx, SessionManager.Resolution session) {
        boolean authorization = !ctx.request().headers("Authorization").isEmpty();
        if (!session.cookiePresent() && !authorization && !session.auth().isSignedIn()) {
            return List.of();
        }
        return authorization ? VARY_COOKIE_AUTHORIZATION : VARY_COOKIE;
    }

    /** The redirect URI's path (absolute, as configured) and the public globs (relative to the context path). */
    private boolean isPublic(RequestContext ctx) {
        return ctx.canonicalPath().equals(redirectPath) || matchesAny(unauthenticatedPaths, ctx.appPath());
    }

    private static boolean matchesAny(List<PathMatcher> matchers, String canonicalPath) {
        for (PathMatcher m : matchers) {
            if (m.matchesCanonical(canonicalPath)) {
                return true;
            }
        }
        return false;
    }

    private static List<PathMatcher> compile(List<String> globs, String option) {
        List<PathMatcher> out = new ArrayList<>();
        for (String g : globs) {
            try {
                out.add(PathMatcher.compile(g));
            } catch (IllegalArgumentException e) {
                throw new AuthKitConfigException(option + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }


    /**
     * The options of an {@link AuthKit}. Defaults: no route protection, no public paths beyond the
     * redirect URI, no sign-up paths, no eager auth, adaptive refresh buffer, a 10-second grace
     * period for refreshed sessions, in-process refresh coordination, 2-second JWKS timeouts, the
     * system clock.
     */
    public static final class Builder {
        private final AuthKitConfig config;
        private boolean middlewareAuth;
        private final List<String> unauthenticatedPaths = new ArrayList<>();
        private final List<String> signUpPaths = new ArrayList<>();
        private Optional<String> redirectUri = Optional.empty();
        private boolean eagerAuth;
        private boolean debug;
        private Optional<Duration> refreshBuffer = Optional.empty();
        private Duration refreshGracePeriod = Duration.ofSeconds(10);
        private RefreshCoordination refreshCoordination;
        private Duration httpTimeout = Duration.ofSeconds(2);
        private Consumer<RefreshSuccess> onRefreshSuccess = e -> { };
        private Consumer<RefreshFailure> onRefreshError = e -> { };
        private final List<String> allowedReturnOrigins = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private WorkOS workos;
        private CookieSealer sealer;
        private Routes routes = Routes.defaults();
        private boolean acceptBearerTokens;
        private CallbackOptions callbackOptions = CallbackOptions.defaults();
        private PathPolicy pathPolicy = PathPolicy.strict();

        private Builder(AuthKitConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Route protection: when on, signed-out visitors of non-public paths are sent to AuthKit. Default off. */
        public Builder middlewareAuth(boolean enabled) {
            this.middlewareAuth = enabled;
            return this;
        }

        /**
         * Public paths when {@link #middlewareAuth} is on (path-to-regexp globs, see {@link PathMatcher}),
         * relative to the request's {@link AuthKitRequest#contextPath()}: under {@code /app}, {@code "/"} is {@code /app/}.
         */
        public Builder unauthenticatedPaths(String... globs) {
            unauthenticatedPaths.addAll(List.of(globs));
            return this;
        }

        /** Paths whose sign-in opens on the sign-up screen; relative to the context path like {@link #unauthenticatedPaths}. */
        public Builder signUpPaths(String... globs) {
            signUpPaths.addAll(List.of(globs));
            return this;
        }

        /**
         * Overrides the configured redirect URI everywhere a sign-in starts (the middleware, the
         * sign-in and sign-up routes, {@link AuthFlow#signInUrl}, the JSON API's {@code signInUrl},
         * re-authentication) and moves the callback route to its path. Like the configured one it is an absolute URL, context
         * path included ({@code https://host/app/callback}). Default: the configuration's.
         */
        public Builder redirectUri(String redirectUri) {
            java.net.URI uri;
            try {
                uri = new java.net.URI(Objects.requireNonNull(redirectUri, "redirectUri"));
            } catch (java.net.URISyntaxException e) {
                uri = null;
            }
            String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new AuthKitConfigException("redirectUri must be an absolute http or https URL, got '" + redirectUri + "'");
            }
            this.redirectUri = Optional.of(redirectUri);
            return this;
        }

        /** Sets the short-lived {@code workos-access-token} cookie on initial page loads, for page scripts. Default off. */
        public Builder eagerAuth(boolean eagerAuth) {
            this.eagerAuth = eagerAuth;
            return this;
        }

        /** Logs every decision at INFO (no secrets). Default off: decisions at DEBUG. */
        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        /**
         * Refresh this long before the access token expires. Default adaptive: 60 s, or 30 s for
         * tokens living five minutes or less. {@link Duration#ZERO} refreshes only expired tokens.
         */
        public Builder refreshBuffer(Duration buffer) {
            if (buffer.isNegative()) {
                throw new AuthKitConfigException("refreshBuffer must not be negative");
            }
            this.refreshBuffer = Optional.of(buffer);
            return this;
        }

        /**
         * How long a refreshed session answers requests still carrying the old cookie. Default
         * 10 s. Handed to the {@link #refreshCoordination} with each refresh, so it applies to
         * every coordination (Redis keeps the result this long).
         */
        public Builder refreshGracePeriod(Duration gracePeriod) {
            if (gracePeriod.isNegative()) {
                throw new AuthKitConfigException("refreshGracePeriod must not be negative");
            }
            this.refreshGracePeriod = gracePeriod;
            return this;
        }

        /**
         * How the refresh of one session is shared among concurrent requests. Default
         * {@link RefreshCoordination#inProcess} with this builder's clock: single flight within
         * this {@code AuthKit}, enough for one instance. Behind a load balancer, pass one that
         * spans the instances, such as {@code RedisRefreshCoordination.create("redis://...")} from
         * {@code authkit-redis}, or {@link RefreshCoordination#fromUri}. The caller keeps owning
         * it (close it when the application stops).
         */
        public Builder refreshCoordination(RefreshCoordination coordination) {
            this.refreshCoordination = Objects.requireNonNull(coordination, "coordination");
            return this;
        }

        /** Connect and read timeout of JWKS fetches. Default 2 s. */
        public Builder httpTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new AuthKitConfigException("httpTimeout must be positive");
            }
            this.httpTimeout = timeout;
            return this;
        }

        /** Called after each refresh authkit makes (once per refresh, not per request sharing it). */
        public Builder onSessionRefreshSuccess(Consumer<RefreshSuccess> callback) {
            this.onRefreshSuccess = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /** Called when a refresh fails. */
        public Builder onSessionRefreshError(Consumer<RefreshFailure> callback) {
            this.onRefreshError = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /** Origins ({@code https://app.example.com}) that sign-out may return to besides this application's. */
        public Builder allowedReturnOrigins(String... origins) {
            for (String o : origins) {
                java.net.URI uri;
                try {
                    uri = new java.net.URI(Objects.requireNonNull(o, "origin"));
                } catch (java.net.URISyntaxException e) {
                    uri = null;
                }
                if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
                    throw new AuthKitConfigException("allowedReturnOrigins takes origins such as https://app.example.com, got '"
                            + o + "'");
                }
                allowedReturnOrigins.add(AuthFlow.origin(uri));
            }
            return this;
        }

        /** The clock tokens are checked against; default UTC system time. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A WorkOS SDK client of your own (timeouts, retries, proxy); default one built from the config, without retries. */
        public Builder workos(WorkOS workos) {
            this.workos = Objects.requireNonNull(workos, "workos");
            return this;
        }

        /** The cookie sealer; default {@code CookieSealer.iron(config.cookiePassword())}. Pass a rotating one to change passwords. */
        public Builder sealer(CookieSealer sealer) {
            this.sealer = Objects.requireNonNull(sealer, "sealer");
            return this;
        }

        /**
         * Accept {@code Authorization: Bearer <WorkOS access token>} from other services and single-page
         * apps: a valid token signs the request in (without a cookie), a bad or expired one gets 401
         * with {@code WWW-Authenticate}. Default off (on in the JAX-RS adapter's feature).
         */
        public Builder acceptBearerTokens(boolean accept) {
            this.acceptBearerTokens = accept;
            return this;
        }

        /** The paths {@link AuthKit#handle} answers itself; default {@link Routes#defaults()}. */
        public Builder routes(Routes routes) {
            this.routes = Objects.requireNonNull(routes, "routes");
            return this;
        }

        /** Options of the callback route (return path, base URL, success and error handlers). */
        public Builder callbackOptions(CallbackOptions options) {
            this.callbackOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Which raw request paths are refused with 400 before anything routes. Default
         * {@link PathPolicy#strict()}: every ambiguous path (encoded {@code /}, {@code \} or
         * {@code .}, dot segments, {@code //}, {@code ;}, control characters, bad encoding). Relax one
         * rule at a time, knowing its risk (see {@link PathPolicy.Rule}).
         */
        public Builder pathPolicy(PathPolicy policy) {
            this.pathPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** @throws AuthKitConfigException for an invalid route glob, naming it */
        public AuthKit build() {
            return new AuthKit(this);
        }
    }
}
