package dev.authkit.core;

import com.workos.WorkOS;
import com.workos.common.http.RetryConfig;
import dev.authkit.core.internal.Settings;
import dev.authkit.core.internal.Stages;
import dev.authkit.core.internal.outcome.ErrorPages;
import dev.authkit.core.internal.request.HttpUrls;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.workos.WorkOSClients;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

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
 *
 * <p>A facade: it wires the stages of {@code dev.authkit.core.internal} (see its package
 * description for the order a request meets them) and holds no logic of its own.
 */
public final class AuthKit {
    /** How long a client should wait before trying again while WorkOS is unreachable, in seconds. */
    public static final int RETRY_AFTER_SECONDS = ErrorPages.RETRY_AFTER_SECONDS;

    private final AuthKitConfig config;
    private final WorkOS workos;
    private final Stages stages;
    private final SessionManager sessions;
    private final AuthFlow flow;
    private final BrowserClient client;

    private AuthKit(AuthKitConfig config, WorkOS workos, Stages stages) {
        this.config = config;
        this.workos = workos;
        this.stages = stages;
        this.sessions = new SessionManager(stages.sessionCookies());
        this.flow = new AuthFlow(stages.signIn(), stages.callback(), stages.signOut());
        this.client = new BrowserClient(stages.client());
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

    /** True for {@code x-workos-*} headers (authkit-nextjs's internal ones): adapters hide them, so none is spoofed. */
    public static boolean isReservedRequestHeader(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).startsWith("x-workos-");
    }

    /**
     * Everything authkit does for one request, the one call an adapter makes: a path the
     * {@link PathPolicy} refuses is a 400; the built-in {@link Routes} are answered; with
     * {@link Builder#acceptBearerTokens} a bearer token signs in or gets 401; the session is resolved
     * once (refreshed when due) for every later step; with route protection on, a signed-out visitor
     * of a non-public path gets {@link #signInRequired} (503 with {@code Retry-After}, the session
     * kept, while WorkOS or the session store is unreachable); else the request continues with its
     * {@link Auth} and the cookies and headers to add. Never throws, never a 5xx for bad client
     * input (a hostile cookie is a signed-out request); a defect is a 400 quoting nothing.
     */
    public Outcome handle(AuthKitRequest request) {
        return stages.pipeline().handle(request);
    }

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
        return stages.decisions().signInRequired(RequestContext.of(request));
    }

    /**
     * The decision when a signed-in user may not do this (a missing role or permission): 403, a
     * short HTML page for a browser's page load, JSON {@code {"error":"forbidden","message":reason}}
     * otherwise, with the {@link Problem} on the outcome. Never cached.
     *
     * @param reason one sentence for the user, such as "You need the admin role."; no secrets
     */
    public Outcome forbidden(AuthKitRequest request, String reason) {
        Objects.requireNonNull(reason, "reason");
        return stages.decisions().forbidden(RequestContext.of(request), reason);
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
        return stages.decisions().authorize(RequestContext.of(request), auth, rule);
    }

    /**
     * Validates the WorkOS API key a machine client sends as {@code Authorization: Bearer <key>}
     * (authkit-nextjs 4.x {@code validateApiKey}): no header, another scheme or an empty value is
     * {@link ApiKeyValidation.Invalid} without a call to WorkOS; otherwise WorkOS decides, and a
     * WorkOS failure is {@link ApiKeyValidation.Unavailable}, never a signed-in caller.
     */
    public ApiKeyValidation validateApiKey(AuthKitRequest request) {
        return stages.apiKeys().validate(request);
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
     * {@link RefreshOutcome.Refused}, the session unchanged. A signed-out or bearer {@code Auth}:
     * {@link RefreshOutcome.SignedOut}.
     */
    public RefreshOutcome refreshSession(AuthKitRequest request, Auth current, Optional<String> organizationId) {
        RequestContext ctx = RequestContext.of(request);
        return stages.explicitRefresh().refresh(ctx, Objects.requireNonNull(current, "current").session(), organizationId,
                ctx.rootPath());
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
        Objects.requireNonNull(organizationId, "organizationId");
        return stages.explicitRefresh().switchTo(RequestContext.of(request), current.session(), organizationId, returnTo);
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
        private Optional<java.net.URI> redirectUri = Optional.empty();
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
        private SessionStore sessionStore;

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
            Objects.requireNonNull(redirectUri, "redirectUri");
            this.redirectUri = Optional.of(HttpUrls.absolute(redirectUri).orElseThrow(() -> new AuthKitConfigException(
                    "redirectUri must be an absolute http or https URL without a #fragment, got '" + redirectUri + "'")));
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
            this.refreshBuffer = Optional.of(checked(buffer, "refreshBuffer", false));
            return this;
        }

        /**
         * How long a refreshed session answers requests still carrying the old cookie. Default
         * 10 s. Handed to the {@link #refreshCoordination} with each refresh, so it applies to
         * every coordination (Redis keeps the result this long).
         */
        public Builder refreshGracePeriod(Duration gracePeriod) {
            this.refreshGracePeriod = checked(gracePeriod, "refreshGracePeriod", false);
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
            this.httpTimeout = checked(timeout, "httpTimeout", true);
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
                Objects.requireNonNull(o, "origin");
                java.net.URI uri = HttpUrls.absolute(o).orElseThrow(() -> new AuthKitConfigException(
                        "allowedReturnOrigins takes origins such as https://app.example.com, got '" + o + "'"));
                allowedReturnOrigins.add(HttpUrls.originOf(uri));
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

        /** Keep sessions server-side, the cookie a sealed reference (see {@link SessionStore}). Default none: cookies. */
        public Builder sessionStore(SessionStore store) {
            this.sessionStore = Objects.requireNonNull(store, "store");
            return this;
        }

        private static Duration checked(Duration d, String name, boolean positive) {
            if (d.isNegative() || (positive && d.isZero())) {
                throw new AuthKitConfigException(name + (positive ? " must be positive" : " must not be negative"));
            }
            return d;
        }

        /** @throws AuthKitConfigException for an invalid route glob, naming it */
        public AuthKit build() {
            WorkOS client = workos != null ? workos : WorkOSClients.create(config, RetryConfig.DISABLED);
            CookieSealer cookieSealer = sealer != null ? sealer : CookieSealer.iron(config.cookiePassword());
            RefreshCoordination coordination = refreshCoordination != null ? refreshCoordination
                    : RefreshCoordination.inProcess(clock);
            return new AuthKit(config, client, Stages.wire(new Settings(config, client, cookieSealer, clock, debug,
                    middlewareAuth, List.copyOf(unauthenticatedPaths), List.copyOf(signUpPaths),
                    redirectUri.orElse(config.redirectUri()), eagerAuth, refreshBuffer, refreshGracePeriod, coordination,
                    httpTimeout, onRefreshSuccess, onRefreshError, Set.copyOf(allowedReturnOrigins), routes,
                    acceptBearerTokens, callbackOptions, pathPolicy, CoreAuthValues.INSTANCE,
                    cookieSealer instanceof CookieSealer.Iron iron ? Optional.of(iron.sealer()) : Optional.empty(),
                    Optional.ofNullable(sessionStore))));
        }
    }
}
