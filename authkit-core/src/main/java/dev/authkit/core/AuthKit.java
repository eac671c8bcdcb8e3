package dev.authkit.core;

import com.workos.WorkOS;
import com.workos.common.http.RetryConfig;
import dev.authkit.core.internal.CookieFactory;
import dev.authkit.core.internal.DecisionLog;
import dev.authkit.core.internal.JwtVerifier;
import dev.authkit.core.internal.RequestContext;
import dev.authkit.core.internal.TokenClaims;
import dev.authkit.core.internal.UrlPaths;
import dev.authkit.core.internal.WorkOSClients;
import dev.authkit.core.internal.WorkOSResponses;
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

    private final AuthKitConfig config;
    private final WorkOS workos;
    private final SessionManager sessions;
    private final AuthFlow flow;
    private final boolean middlewareAuth;
    private final List<PathMatcher> unauthenticatedPaths;
    private final List<PathMatcher> signUpPaths;
    private final Optional<String> redirectUriOverride;
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
        this.redirectUriOverride = b.redirectUri;
        java.net.URI redirect = redirectUriOverride.map(java.net.URI::create).orElse(config.redirectUri());
        origins.add(AuthFlow.origin(redirect));
        this.flow = new AuthFlow(config, sealer, workos, sessions, Set.copyOf(origins), b.debug);
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
     * <li>the session is resolved (refreshed when due) and the JSON {@link BrowserApi} answered;</li>
     * <li>when route protection is on and the path is not public, a signed-out visitor is sent to
     *     AuthKit (307 for GET and HEAD, 303 otherwise) with the request's path and query as the
     *     return path;</li>
     * <li>otherwise the request continues with its {@link Auth} and the cookies and headers to add.</li>
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
        SessionManager.Resolution session = sessions.resolve(ctx);
        List<Header> headers = cacheHeaders(ctx, session);
        Optional<String> apiEndpoint = routes.api().flatMap(prefix -> endpoint(ctx.appPath(), prefix));
        if (apiEndpoint.isPresent()) {
            return api.handle(ctx, apiEndpoint.get(), session);
        }
        List<SetCookie> cookies = new ArrayList<>(session.cookies());
        Auth auth = session.auth();
        if (middlewareAuth && !auth.isSignedIn() && !isPublic(ctx)) {
            ScreenHint hint = matchesAny(signUpPaths, ctx.appPath()) ? ScreenHint.SIGN_UP : ScreenHint.SIGN_IN;
            SignInOptions options = SignInOptions.builder().screenHint(hint).returnTo(ctx.pathAndQuery())
                    .redirectUri(redirectUriOverride.orElse(null)).build();
            AuthorizationRedirect redirect = flow.authorization(ctx, options, ctx.isDocumentRequest());
            cookies.addAll(redirect.cookies());
            if (eagerAuth && session.failure().filter(f -> !f.isTransient()).isPresent()
                    && ctx.cookies().containsKey(CookieFactory.EAGER_ACCESS_TOKEN)) {
                cookies.add(sessions.cookies().eagerAccessTokenDeletion(ctx));
            }
            decisions.decide("Unauthenticated user on protected route " + ctx.rawPath() + ", redirecting to AuthKit");
            return new Outcome.Redirect(redirect.url(), ctx.redirectStatus(), cookies, headers);
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
                return Optional.of(BrowserApi.error(405, "method_not_allowed"));
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
                return Optional.of(BrowserApi.error(405, "method_not_allowed"));
            }
            if (!BrowserApi.sameOrigin(ctx)) {
                return Optional.of(BrowserApi.error(403, "cross_site_request"));
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
                "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}", List.of(), h);
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
     * Refreshes the session now (authkit-nextjs {@code refreshSession}), into
     * {@code organizationId} when given, else keeping its organization. When WorkOS demands SSO
     * or MFA enrollment for the organization, answers with a sign-in URL for it.
     */
    public RefreshOutcome refreshSession(AuthKitRequest request, Optional<String> organizationId) {
        return refreshSession(request, organizationId, Optional.empty());
    }

    /**
     * As {@link #refreshSession(AuthKitRequest, Optional)}; a sign-in WorkOS demands returns to
     * {@code returnTo} (a local path) instead of the request's own path, which for a script's call
     * is a POST-only API route the browser could not come back to.
     */
    RefreshOutcome refreshSession(AuthKitRequest request, Optional<String> organizationId, Optional<String> returnTo) {
        RequestContext ctx = RequestContext.of(request);
        Optional<Session> session = sessions.read(ctx);
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
            String back = returnTo.map(r -> AuthFlow.localPathOr(r, "/")).orElse(ctx.pathAndQuery());
            AuthorizationRedirect redirect = flow.authorization(ctx, SignInOptions.builder()
                    .organizationId(org).returnTo(back).build(), true);
            return new RefreshOutcome.ReauthenticationRequired(redirect.url(), redirect.cookies());
        }
        return new RefreshOutcome.Failed("refresh failed: " + failure.description(), failure.isTransient(),
                failure.isTransient() ? List.of() : List.of(sessions.cookies().sessionDeletion(ctx)));
    }

    /**
     * Moves the session into another organization and redirects to {@code returnTo} (a local path,
     * default {@code /}); to a sign-in for that organization when WorkOS demands SSO or MFA; to
     * sign-in when there is no session.
     */
    public Outcome switchToOrganization(AuthKitRequest request, String organizationId, Optional<String> returnTo) {
        Objects.requireNonNull(organizationId, "organizationId");
        RequestContext ctx = RequestContext.of(request);
        String target = returnTo.flatMap(r -> flow.safeReturnTo(ctx, r)).orElse(ctx.origin() + ctx.rootPath());
        RefreshOutcome outcome = refreshSession(request, Optional.of(organizationId));
        if (outcome instanceof RefreshOutcome.Refreshed r) {
            return new Outcome.Redirect(target, 303, r.cookies(), AuthFlow.noStore());
        }
        if (outcome instanceof RefreshOutcome.ReauthenticationRequired r) {
            return new Outcome.Redirect(r.authorizationUrl(), 303, r.cookies(), AuthFlow.noStore());
        }
        if (outcome instanceof RefreshOutcome.Failed f) {
            return new Outcome.Respond(f.isTransient() ? 502 : 400, "application/json",
                    "{\"error\":\"organization_switch_failed\",\"transient\":" + f.isTransient() + "}", f.cookies(),
                    AuthFlow.noStore());
        }
        AuthorizationRedirect signIn = flow.authorization(ctx, SignInOptions.builder()
                .returnTo(ctx.pathAndQuery()).build(), true);
        return new Outcome.Redirect(signIn.url(), 303, signIn.cookies(), AuthFlow.noStore());
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
         * Overrides the configured redirect URI for the middleware's sign-ins. Like the configured one
         * it is an absolute URL, context path included ({@code https://host/app/callback}); the
         * callback is answered at its path.
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
