package dev.authkit.core;

import com.workos.WorkOS;
import com.workos.common.http.RetryConfig;
import dev.authkit.core.internal.Settings;
import dev.authkit.core.internal.Stages;
import dev.authkit.core.internal.config.ConfigChecks;
import dev.authkit.core.internal.outcome.ErrorPages;
import dev.authkit.core.internal.request.HttpUrls;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.workos.WorkOSClients;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * authkit-java's entry point: one per application, built from an {@link AuthKitConfig}, shared by
 * all requests (thread-safe). Adapters call {@link #handle(AuthKitRequest)} on every request (the
 * authkit-nextjs middleware) and carry out the {@link Outcome}; applications use {@link #flow()}
 * for sign-in URLs, the callback and sign-out, {@link #sessions()} for custom flows.
 *
 * <pre>{@code
 * AuthKit authKit = AuthKit.builder(AuthKitConfig.fromEnvironment())
 *         .middlewareAuth(true).unauthenticatedPaths("/", "/about", "/public/:path*")
 *         .signUpPaths("/join").build();
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

    /** Live read-only views of the in-memory caches by name ({@code sessions}, {@code tokens}), for gauges. */
    public Map<String, CacheStats> caches() {
        return stages.caches();
    }

    /** True for {@code x-workos-*} request headers, which adapters hide from the application (no spoofing). */
    public static boolean isReservedRequestHeader(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).startsWith("x-workos-");
    }

    /**
     * Everything authkit does for one request, the one call an adapter makes: the stages of
     * {@code dev.authkit.core.internal} in order (path policy, built-in {@link Routes}, bearer
     * tokens, the session resolved and refreshed once, the decision). Never throws and never
     * answers 5xx for bad client input; a defect is a 400 that quotes nothing.
     */
    public Outcome handle(AuthKitRequest request) {
        return stages.pipeline().handle(request);
    }

    /**
     * {@link #handle} on a thread that must not block (an event loop); empty, with nothing done, when a step may
     * block (WorkOS, a JWKS fetch, a store or list not {@code nonBlocking()}): then {@link #handle} it on a worker.
     */
    public Optional<Outcome> handleWithoutBlocking(AuthKitRequest request) {
        return stages.pipeline().handleWithoutBlocking(request);
    }

    /**
     * When a page or API needs a signed-in user and there is none: a page load is redirected to
     * AuthKit (307 after GET or HEAD, 303 otherwise) and back to this path; anything else gets 401
     * JSON {@code {"error":"unauthorized","signInUrl":..}} with {@code WWW-Authenticate}. Never cached.
     */
    public Outcome signInRequired(AuthKitRequest request) {
        return stages.decisions().signInRequired(RequestContext.of(request));
    }

    /**
     * Step-up, when the user signed in longer than {@code maxAge} ago: a page load is sent through
     * sign-in with {@code max_age} and back; anything else gets RFC 9470's 401
     * ({@code error="insufficient_user_authentication"}, {@code max_age}) and JSON with code
     * {@code recent_sign_in_required}. See {@link AccessRule#andSignedInWithin}.
     */
    public Outcome recentSignInRequired(AuthKitRequest request, Duration maxAge) {
        return stages.decisions().recentSignInRequired(RequestContext.of(request), Objects.requireNonNull(maxAge, "maxAge"));
    }

    /**
     * The decision when a signed-in user may not do this (a missing role or permission): 403, a
     * short HTML page for a browser's page load, JSON {@code {"error":"forbidden","message":reason}}
     * otherwise, with the {@link Problem} on the outcome. Never cached.
     *
     * @param reason one sentence for the user, such as "You need the admin role."; no secrets
     */
    public Outcome forbidden(AuthKitRequest request, String reason) {
        return stages.decisions().forbidden(RequestContext.of(request), Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Whether {@code auth} may do what {@code rule} demands, the same for every adapter: empty when
     * it may; else {@link #signInRequired} for a signed-out caller, {@link #forbidden} (403, naming
     * the missing role or permission), or {@link #recentSignInRequired} for a sign-in too old.
     *
     * @param auth the request's {@link Auth}, from {@link #handle} (or an adapter's bearer check)
     */
    public Optional<Outcome> authorize(AuthKitRequest request, Auth auth, AccessRule rule) {
        return stages.decisions().authorize(RequestContext.of(request), Objects.requireNonNull(auth, "auth"),
                Objects.requireNonNull(rule, "rule"));
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
     * Refreshes the request's session now (authkit-nextjs {@code refreshSession}), into
     * {@code organizationId} when given, else keeping its organization; pass the {@link Auth}
     * {@link #handle} gave this request. Only WorkOS ending the session signs the user out; see
     * {@link RefreshOutcome} for each answer.
     */
    public RefreshOutcome refreshSession(AuthKitRequest request, Auth current, Optional<String> organizationId) {
        RequestContext ctx = RequestContext.of(request);
        return stages.explicitRefresh().refresh(ctx, Objects.requireNonNull(current, "current").session(), organizationId,
                ctx.rootPath());
    }

    /**
     * Moves the session ({@code current}, from {@link #handle}) into another organization and
     * redirects (303) to {@code returnTo} (default {@code /}); SSO or MFA demanded: a sign-in for it;
     * refused: 403/404/409 and WorkOS unreachable: 503, the session kept either way.
     */
    public Outcome switchToOrganization(AuthKitRequest request, Auth current, String organizationId,
                                        Optional<String> returnTo) {
        return stages.explicitRefresh().switchTo(RequestContext.of(request), Objects.requireNonNull(current, "current").session(),
                Objects.requireNonNull(organizationId, "organizationId"), returnTo);
    }

    /** Revokes every session of the request's user (WorkOS Sessions API and {@link RevocationList}), then signs out; see docs/revocation.md. */
    public Outcome signOutEverywhere(AuthKitRequest request, String returnTo) {
        return stages.signOutEverywhere().signOutEverywhere(RequestContext.of(request), Optional.ofNullable(returnTo));
    }

    /**
     * The options of an {@link AuthKit}. Defaults: no route protection, no public paths beyond the
     * redirect URI, no sign-up paths, no eager auth, adaptive refresh buffer, 10-second grace period,
     * in-process refresh coordination, 2-second JWKS timeouts, the system clock, no event listener.
     */
    public static final class Builder {
        private final AuthKitConfig config;
        private boolean middlewareAuth, eagerAuth, debug, acceptBearerTokens;
        private final List<String> unauthenticatedPaths = new ArrayList<>(), signUpPaths = new ArrayList<>(),
                allowedReturnOrigins = new ArrayList<>();
        private Optional<java.net.URI> redirectUri = Optional.empty();
        private Optional<Duration> refreshBuffer = Optional.empty(), inactivityTimeout = Optional.empty(),
                absoluteTimeout = Optional.empty();
        private Duration refreshGracePeriod = Duration.ofSeconds(10), httpTimeout = Duration.ofSeconds(2);
        private RefreshCoordination refreshCoordination;
        private Consumer<RefreshSuccess> onRefreshSuccess = e -> { };
        private Consumer<RefreshFailure> onRefreshError = e -> { };
        private final List<Consumer<AuthKitEvent>> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private WorkOS workos;
        private CookieSealer sealer;
        private Routes routes = Routes.defaults();
        private CallbackOptions callbackOptions = CallbackOptions.defaults();
        private PathPolicy pathPolicy = PathPolicy.strict();
        private final List<java.net.URI> redirectUris = new ArrayList<>();
        private final List<Map.Entry<String, Duration>> recentSignInPaths = new ArrayList<>();
        private SessionStore sessionStore;
        private RevocationList revocationList;
        private Consumer<WebhookEvent> onWebhookEvent = e -> { };

        private Builder(AuthKitConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Route protection: when on, signed-out visitors of non-public paths are sent to AuthKit. Default off. */
        public Builder middlewareAuth(boolean enabled) {
            this.middlewareAuth = enabled;
            return this;
        }

        /** Public paths when {@link #middlewareAuth} is on: {@link PathMatcher} globs relative to the context path. */
        public Builder unauthenticatedPaths(String... globs) {
            unauthenticatedPaths.addAll(List.of(globs));
            return this;
        }

        /** Paths whose sign-in opens on the sign-up screen; relative to the context path like {@link #unauthenticatedPaths}. */
        public Builder signUpPaths(String... globs) {
            signUpPaths.addAll(List.of(globs));
            return this;
        }

        /** Overrides the configured redirect URI (absolute, context path included) for every sign-in, and the callback's path. */
        public Builder redirectUri(String redirectUri) {
            this.redirectUri = Optional.of(ConfigChecks.absoluteUrl(redirectUri, "redirectUri",
                    "redirectUri must be an absolute http or https URL without a #fragment"));
            return this;
        }

        /** Step-up: these globs need a sign-in at most {@code maxAge} ago, else {@link AuthKit#recentSignInRequired}. */
        public Builder recentSignInPaths(Duration maxAge, String... globs) {
            ConfigChecks.duration(maxAge, "recentSignInPaths maxAge", false);
            List.of(globs).forEach(g -> recentSignInPaths.add(Map.entry(g, maxAge)));
            return this;
        }

        /** Several domains: a redirect URI per origin; a sign-in uses the request origin's, else the default. */
        public Builder redirectUris(String... uris) {
            java.util.Arrays.stream(uris).map(u -> ConfigChecks.absoluteUrl(u, "redirectUri",
                    "redirectUris takes absolute http or https URLs")).forEach(redirectUris::add);
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

        /** Refresh this long before the token expires. Default 60 s (30 s for 5-minute tokens); zero: only expired ones. */
        public Builder refreshBuffer(Duration buffer) {
            this.refreshBuffer = Optional.of(ConfigChecks.duration(buffer, "refreshBuffer", false));
            return this;
        }

        /** How long a refreshed session answers requests with the old cookie (every coordination, Redis too). Default 10 s. */
        public Builder refreshGracePeriod(Duration gracePeriod) {
            this.refreshGracePeriod = ConfigChecks.duration(gracePeriod, "refreshGracePeriod", false);
            return this;
        }

        /** How one session's refresh is shared: default in-process single flight; see {@link RefreshCoordination}. */
        public Builder refreshCoordination(RefreshCoordination coordination) {
            this.refreshCoordination = Objects.requireNonNull(coordination, "coordination");
            return this;
        }

        /** Connect and read timeout of JWKS fetches. Default 2 s. */
        public Builder httpTimeout(Duration timeout) {
            this.httpTimeout = ConfigChecks.duration(timeout, "httpTimeout", true);
            return this;
        }

        /** Adds an {@link AuthKitEvent} listener (one that throws is skipped; a {@link WorkOSObserver} also traces calls). */
        public Builder events(Consumer<AuthKitEvent> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
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
            java.util.Arrays.stream(origins).map(o -> HttpUrls.originOf(ConfigChecks.absoluteUrl(o, "origin",
                    "allowedReturnOrigins takes origins such as https://app.example.com"))).forEach(allowedReturnOrigins::add);
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

        /** Accept {@code Authorization: Bearer <access token>} (a bad one gets 401). Default off; on in the JAX-RS feature. */
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

        /** Which raw paths are refused with 400 before routing. Default {@link PathPolicy#strict()}; see {@link PathPolicy.Rule}. */
        public Builder pathPolicy(PathPolicy policy) {
            this.pathPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Keep sessions server-side, the cookie a sealed reference (see {@link SessionStore}). Default none: cookies. */
        public Builder sessionStore(SessionStore store) {
            this.sessionStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where revoked sessions are kept (webhooks, sign out everywhere); default {@link RevocationList#inProcess(Clock)}. */
        public Builder revocationList(RevocationList list) {
            this.revocationList = Objects.requireNonNull(list, "list");
            return this;
        }

        /** Sign a session out at its next request once unused for longer than this (coarse: within a minute). Default none. */
        public Builder inactivityTimeout(Duration timeout) {
            this.inactivityTimeout = Optional.of(ConfigChecks.duration(timeout, "inactivityTimeout", true));
            return this;
        }

        /** Sign a session out at its next request once signed in longer ago than this. Default none (see docs/revocation.md). */
        public Builder absoluteTimeout(Duration timeout) {
            this.absoluteTimeout = Optional.of(ConfigChecks.duration(timeout, "absoluteTimeout", true));
            return this;
        }

        /** Called with every verified WorkOS webhook event (with {@code WORKOS_WEBHOOK_SECRET}); one that throws is logged. */
        public Builder onWebhookEvent(Consumer<WebhookEvent> callback) {
            this.onWebhookEvent = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /** @throws AuthKitConfigException for an invalid route glob, naming it */
        public AuthKit build() {
            WorkOS client = workos != null ? workos : WorkOSClients.create(config, RetryConfig.DISABLED);
            CookieSealer cookieSealer = sealer != null ? sealer : CookieSealer.iron(config.cookiePassword());
            RefreshCoordination coordination = refreshCoordination != null ? refreshCoordination : RefreshCoordination.inProcess(clock);
            return new AuthKit(config, client, Stages.wire(new Settings(config, client, cookieSealer, clock, debug,
                    middlewareAuth, List.copyOf(unauthenticatedPaths), List.copyOf(signUpPaths),
                    redirectUri.orElse(config.redirectUri()), eagerAuth, refreshBuffer, refreshGracePeriod, coordination,
                    httpTimeout, onRefreshSuccess, onRefreshError, Set.copyOf(allowedReturnOrigins), routes,
                    acceptBearerTokens, callbackOptions, pathPolicy, CoreAuthValues.INSTANCE,
                    cookieSealer instanceof CookieSealer.Iron iron ? Optional.of(iron.sealer()) : Optional.empty(),
                    List.copyOf(redirectUris), List.copyOf(recentSignInPaths), List.copyOf(listeners),
                    Optional.ofNullable(sessionStore), revocationList != null ? revocationList : RevocationList.inProcess(clock),
                    onWebhookEvent, inactivityTimeout, absoluteTimeout)));
        }
    }
}
