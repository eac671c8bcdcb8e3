package dev.authkit.testkit;

import dev.authkit.core.Impersonator;
import dev.authkit.testkit.internal.ApiKeyValidations;
import dev.authkit.testkit.internal.FailureQueue;
import dev.authkit.testkit.internal.FakeSettings;
import dev.authkit.testkit.internal.RequestJournal;
import dev.authkit.testkit.internal.TokenIssuer;
import dev.authkit.testkit.internal.handlers.Routes;
import dev.authkit.testkit.internal.server.FakeServer;
import dev.authkit.testkit.internal.store.AccessTokens;
import dev.authkit.testkit.internal.store.AuthorizationCodes;
import dev.authkit.testkit.internal.store.Directory;
import dev.authkit.testkit.internal.store.Sessions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jose4j.jwt.JwtClaims;

/**
 * A fake WorkOS for tests and local development: an HTTP server on loopback that speaks enough of
 * the WorkOS wire for the official {@code com.workos:workos} SDK, authkit and a browser to sign in
 * (code with PKCE, hosted sign-in page), refresh (rotating refresh tokens), read keys (JWKS), look
 * up organizations, validate API keys, list and revoke sessions and sign out, with no WorkOS
 * account and no network. Usage and the endpoints served: {@code docs/testing.md}.
 *
 * <p>Time comes from a {@link FakeClock} (by default one following system time that a test can
 * still move; {@link Builder#clock} for full control). Every request lands in a journal; the next
 * calls of an endpoint can be made to fail. Thread-safe; the builder's options are copied at
 * {@link Builder#start()}.
 */
public final class FakeWorkOS implements AutoCloseable {
    public static final String DEFAULT_CLIENT_ID = "client_fake";
    public static final String DEFAULT_API_KEY = "sk_test_fake";
    /** WorkOS issues access tokens for five minutes. */
    public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(5);
    /** Authorization codes are valid for ten minutes. */
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    // the face: every part below lives in dev.authkit.testkit.internal; this class only delegates
    private final FakeSettings settings;
    private final List<Consumer<FakeWorkOS>> seeders;
    private final FakeServer server;
    private final TokenIssuer issuer = new TokenIssuer();
    private final Directory directory = new Directory();
    private final Sessions sessions = new Sessions();
    private final AuthorizationCodes codes = new AuthorizationCodes();
    private final AccessTokens tokens;
    private final ApiKeyValidations apiKeys = new ApiKeyValidations();
    private final FailureQueue failures = new FailureQueue();
    private final RequestJournal journal = new RequestJournal();
    private final dev.authkit.testkit.internal.WebhookSender webhooks;

    private FakeWorkOS(Builder options) {
        FakeClock clock = options.clock != null ? options.clock : FakeClock.systemTime();
        Instant clockStart = clock.instant();
        this.server = new FakeServer(options.port);
        this.settings = new FakeSettings(options.clientId, options.apiKey, server.baseUrl(),
                options.accessTokenLifetime, clock, clockStart, options.redirectUris);
        List<Consumer<FakeWorkOS>> all = new ArrayList<>();
        if (options.demoData) {
            all.add(DemoData::seed);
        }
        all.addAll(options.seeders);
        this.seeders = List.copyOf(all);
        this.tokens = new AccessTokens(settings, issuer, directory, sessions);
        this.webhooks = options.webhookUrl == null ? null
                : new dev.authkit.testkit.internal.WebhookSender(options.webhookUrl, options.webhookSecret, clock);
        if (webhooks != null) {
            sessions.listener(webhooks);
        }
        server.start(Routes.dispatcher(new Routes.Parts(settings, directory, sessions, codes, tokens, issuer, apiKeys,
                failures, journal), this::addUser, CODE_LIFETIME));
        seed();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fake with default options on an ephemeral port. */
    public static FakeWorkOS start() {
        return builder().start();
    }

    // ---------------------------------------------------------------- where it is

    /** {@code http://127.0.0.1:<port>}: hand it to {@code WorkOS.builder().apiBaseUrl(..)} or {@code AuthKitConfig.Builder.apiBaseUrl(..)}. */
    public String baseUrl() {
        return settings.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public String clientId() {
        return settings.clientId();
    }

    public String apiKey() {
        return settings.apiKey();
    }

    public FakeClock clock() {
        return settings.clock();
    }

    public Duration accessTokenLifetime() {
        return settings.accessTokenLifetime();
    }

    /** The {@code WORKOS_*} variables pointing an app at this fake, for {@code AuthKitConfig.fromMap} (add password, redirect URI). */
    public Map<String, String> environment() {
        return settings.environment(port());
    }

    // ---------------------------------------------------------------- seeding

    /** Seeds a user; the fake assigns {@code user_<n>} unless the builder set an id. */
    public FakeUser addUser(FakeUser.Builder builder) {
        return directory.addUser(builder.build(builder.hasId() ? null : "user_" + Integer.toString(directory.nextId())));
    }

    public FakeUser addUser(String email) {
        return addUser(FakeUser.builder(email));
    }

    public Optional<FakeUser> user(String id) {
        return directory.user(id);
    }

    public Optional<FakeUser> userByEmail(String email) {
        return directory.userByEmail(email);
    }

    public List<FakeUser> users() {
        return directory.users();
    }

    /** Seeds an organization with id {@code org_<n>}. */
    public FakeOrganization addOrganization(String name) {
        return addOrganization(new FakeOrganization("org_" + directory.nextId(), name, List.of(), List.of(), null));
    }

    /** Seeds or replaces an organization (by id). */
    public FakeOrganization addOrganization(FakeOrganization organization) {
        return directory.addOrganization(organization);
    }

    public Optional<FakeOrganization> organization(String id) {
        return directory.organization(id);
    }

    /** Makes {@code user} a member of {@code organization} with the given roles (first is primary) and permissions. */
    public FakeMembership addMembership(FakeUser user, FakeOrganization organization, List<String> roles,
                                        List<String> permissions) {
        directory.requireSeeded(user, organization);
        return directory.addMembership(new FakeMembership(user.id(), organization.id(), roles, permissions));
    }

    public FakeMembership addMembership(FakeUser user, FakeOrganization organization, String role, String... permissions) {
        return addMembership(user, organization, List.of(role), List.of(permissions));
    }

    public List<FakeMembership> memberships(FakeUser user) {
        return directory.memberships(user.id());
    }

    /** Upstream OAuth tokens returned as {@code oauth_tokens} when {@code user} next signs in. */
    public void setOAuthTokens(FakeUser user, OAuthTokens tokens) {
        directory.setOAuthTokens(user.id(), tokens);
    }

    /** The next sign-in (of any user) is an impersonation by {@code email}, with an optional reason. */
    public void impersonateNextSignIn(String email, String reason) {
        sessions.impersonateNext(new Impersonator(email, Optional.ofNullable(reason)));
    }

    /**
     * For headless tests: {@code /user_management/authorize} signs {@code user} in at once and
     * redirects back, without showing the hosted page. {@code null} shows the page again.
     */
    public void autoSignIn(FakeUser user) {
        codes.autoSignIn(user == null ? null : user.id());
    }

    // ---------------------------------------------------------------- control

    /** Publishes a new signing key and signs with it from now on; returns its {@code kid}. */
    public String rotateKeys(boolean keepOldKeys) {
        return issuer.rotate(keepOldKeys);
    }

    public String currentKeyId() {
        return issuer.currentKeyId();
    }

    /** The next {@code times} requests to {@code endpoint} get {@code failure} instead of the normal answer. */
    public void failNext(Endpoint endpoint, int times, Failure failure) {
        failures.add(endpoint, times, failure);
    }

    /**
     * Seeds an API key of {@code organization} for machine clients and returns its secret value
     * ({@code sk_test_...}); {@code POST /api_keys/validations} then recognizes it (see
     * {@code AuthKit.validateApiKey}).
     */
    public String addApiKey(FakeOrganization organization, String name, String... permissions) {
        directory.requireSeeded(organization);
        return apiKeys.add(organization.id(), name, List.of(permissions), clock().instant());
    }

    /** Drops every failure queued by {@link #failNext} that no request has met yet. */
    public void clearFailures() {
        failures.clear();
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return journal.all();
    }

    public List<RecordedRequest> requests(Endpoint endpoint) {
        return journal.of(endpoint);
    }

    /** How many refresh-token exchanges were attempted (successful or not). */
    public long refreshCalls() {
        return requests(Endpoint.AUTHENTICATE).stream()
                .filter(r -> r.grantType().filter("refresh_token"::equals).isPresent()).count();
    }

    /** Ends a session: its refresh tokens stop working. */
    public void revokeSession(String sessionId) {
        sessions.revoke(sessionId);
    }

    /** Webhook events the application acknowledged with 2xx, and those it did not (0 without {@link Builder#webhook}). */
    public long webhooksDelivered() {
        return webhooks == null ? 0 : webhooks.delivered();
    }

    public long webhooksFailed() {
        return webhooks == null ? 0 : webhooks.failed();
    }

    public boolean isSessionActive(String sessionId) {
        return sessions.isActive(sessionId);
    }

    /**
     * Opens a session for {@code user} as a completed sign-in would (in the user's first
     * organization, if any), without a browser.
     */
    public IssuedSession signIn(FakeUser user) {
        return signIn(user, directory.firstOrganization(user.id()).orElse(null));
    }

    /** Opens a session for {@code user} in {@code organization} (which the user must belong to; {@code null} for none). */
    public IssuedSession signIn(FakeUser user, FakeOrganization organization) {
        directory.requireSeeded(user, organization);
        if (organization != null && directory.membership(user.id(), organization.id()).isEmpty()) {
            throw new IllegalArgumentException(user.email() + " is not a member of " + organization.name());
        }
        return tokens.signIn(user, organization == null ? null : organization.id());
    }

    /** Signs an access token for an open session as the fake would on refresh (for tests of odd claims). */
    public String accessToken(String sessionId, Consumer<JwtClaims> customize) {
        return tokens.accessToken(sessionId, customize);
    }

    /** Back to the state right after start (seeded data only, the clock at its start, no journal); keys are kept. */
    public void reset() {
        directory.clear();
        codes.clear();
        sessions.clear();
        failures.clear();
        apiKeys.clear();
        journal.clear();
        FakeClock clock = clock();
        if (clock.followsSystemTime()) {
            clock.resetToSystemTime();
        } else {
            clock.set(settings.clockStart());
        }
        seed();
    }

    /** Stops the server; later calls do nothing. */
    @Override
    public void close() {
        server.close();
    }

    /** Runs the seeders: the demo data first when asked for, then the builder's in order. */
    private void seed() {
        for (Consumer<FakeWorkOS> seeder : seeders) {
            seeder.accept(this);
        }
    }

    /** Options of a {@link FakeWorkOS}; {@link #start()} starts the server. */
    public static final class Builder {
        private String clientId = DEFAULT_CLIENT_ID;
        private String apiKey = DEFAULT_API_KEY;
        private int port;
        private Duration accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
        private FakeClock clock;
        private final List<String> redirectUris = new ArrayList<>();
        private boolean demoData;
        private String webhookUrl;
        private String webhookSecret;
        private final List<Consumer<FakeWorkOS>> seeders = new ArrayList<>();

        private Builder() {
        }

        /** Signed webhooks to {@code url} ({@code session.created}, {@code session.revoked}), sent synchronously. Default none. */
        public Builder webhook(String url, String secret) {
            this.webhookUrl = java.net.URI.create(Objects.requireNonNull(url, "url")).toString();
            this.webhookSecret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** Default {@value #DEFAULT_CLIENT_ID}. */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /** The API key the fake expects as client secret and bearer token; default {@value #DEFAULT_API_KEY}. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** Port on 127.0.0.1; default 0, an ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Lifetime of access tokens; default five minutes, as WorkOS. */
        public Builder accessTokenLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("access token lifetime must be positive");
            }
            this.accessTokenLifetime = lifetime;
            return this;
        }

        /** The clock tokens and codes are stamped with. Default {@link FakeClock#systemTime()}; a stopped one for full control. */
        public Builder clock(FakeClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Registers a redirect URI. With none registered, any http(s) URI on localhost, 127.0.0.1
         * or [::1] is accepted. Sign-out {@code return_to} must share the origin of a registered
         * redirect URI (or be on loopback when none is registered).
         */
        public Builder redirectUri(String uri) {
            redirectUris.add(Objects.requireNonNull(uri, "uri"));
            return this;
        }

        /** Seeds the demo users and organizations (see the README) at start and on every {@link FakeWorkOS#reset()}. */
        public Builder withDemoData() {
            this.demoData = true;
            return this;
        }

        /** Runs {@code seeder} at start and on every {@link FakeWorkOS#reset()}. */
        public Builder seed(Consumer<FakeWorkOS> seeder) {
            seeders.add(Objects.requireNonNull(seeder, "seeder"));
            return this;
        }

        public FakeWorkOS start() {
            return new FakeWorkOS(this);
        }
    }
}
