package dev.authkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.authkit.core.Impersonator;
import dev.authkit.core.User;
import dev.authkit.testkit.internal.ApiKeyValidations;
import dev.authkit.testkit.internal.HostedPages;
import dev.authkit.testkit.internal.Reply;
import dev.authkit.testkit.internal.Http;
import dev.authkit.testkit.internal.TokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * A fake WorkOS for tests and local development: an HTTP server on loopback that speaks enough of
 * the WorkOS wire for the official {@code com.workos:workos} SDK, authkit and a browser to sign in,
 * refresh and sign out against it, with no WorkOS account and no network.
 *
 * <pre>{@code
 * try (FakeWorkOS fake = FakeWorkOS.builder().redirectUri("http://localhost:8080/callback").start()) {
 *     FakeUser alice = fake.addUser(FakeUser.builder("alice@example.com").name("Alice", "Doe"));
 *     WorkOS workos = WorkOS.builder().apiKey(fake.apiKey()).clientId(fake.clientId())
 *             .apiBaseUrl(fake.baseUrl()).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>Served: {@code POST /user_management/authenticate} (authorization code with PKCE, refresh
 * token with rotation), {@code GET /sso/jwks/{clientId}}, {@code GET /user_management/authorize}
 * (a hosted sign-in page), {@code GET /user_management/sessions/logout},
 * {@code POST /user_management/sessions/revoke} and {@code GET /organizations/{id}}.
 *
 * <p>Time comes from a {@link FakeClock}: by default one that follows the system time and that a
 * test can still move forward ({@link FakeClock#systemTime()}); a test that hands the builder a
 * stopped clock ({@link Builder#clock}) has full control. Every request lands in a journal; the
 * next calls of an endpoint can be made to fail. All methods are thread-safe. The builder's
 * options are copied at {@link Builder#start()}: changing the builder later does not affect a
 * started fake.
 */
public final class FakeWorkOS implements AutoCloseable {
    public static final String DEFAULT_CLIENT_ID = "client_fake";
    public static final String DEFAULT_API_KEY = "sk_test_fake";
    /** WorkOS issues access tokens for five minutes. */
    public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(5);
    /** Authorization codes are valid for ten minutes. */
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Builder options;
    private final FakeClock clock;
    private final Instant clockStart;
    private final TokenIssuer issuer = new TokenIssuer();
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final AtomicInteger ids = new AtomicInteger();

    private final Map<String, FakeUser> users = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Instant> lastSignIn = new ConcurrentHashMap<>();
    private final Map<String, FakeOrganization> organizations = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<FakeMembership> memberships = new CopyOnWriteArrayList<>();
    private final Map<String, OAuthTokens> oauthTokens = new ConcurrentHashMap<>();
    private final Map<String, PendingAuthorization> flows = new ConcurrentHashMap<>();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<Endpoint, Deque<Failure>> failures = new EnumMap<>(Endpoint.class);
    private final List<RecordedRequest> journal = new CopyOnWriteArrayList<>();
    private final ApiKeyValidations apiKeys = new ApiKeyValidations();
    private volatile Impersonator nextImpersonator;
    private volatile String autoSignInUserId;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private FakeWorkOS(Builder options) {
        this.options = options.copy();
        this.clock = options.clock != null ? options.clock : FakeClock.systemTime();
        this.clockStart = clock.instant();
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            this.server = HttpServer.create(new InetSocketAddress(loopback, options.port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("FakeWorkOS cannot listen on 127.0.0.1:" + options.port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-workos-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
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
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String clientId() {
        return options.clientId;
    }

    public String apiKey() {
        return options.apiKey;
    }

    public FakeClock clock() {
        return clock;
    }

    public Duration accessTokenLifetime() {
        return options.accessTokenLifetime;
    }

    /**
     * The {@code WORKOS_*} variables that point an application at this fake (client id, API key,
     * hostname, HTTPS off, port), for {@code AuthKitConfig.fromMap(..)} together with your own
     * cookie password and redirect URI.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WORKOS_CLIENT_ID", clientId());
        env.put("WORKOS_API_KEY", apiKey());
        env.put("WORKOS_API_HOSTNAME", "127.0.0.1");
        env.put("WORKOS_API_HTTPS", "false");
        env.put("WORKOS_API_PORT", Integer.toString(port()));
        return env;
    }

    // ---------------------------------------------------------------- seeding

    /** Seeds a user; the fake assigns {@code user_<n>} unless the builder set an id. */
    public FakeUser addUser(FakeUser.Builder builder) {
        FakeUser user = builder.build(builder.hasId() ? null : "user_" + Integer.toString(ids.incrementAndGet()));
        synchronized (users) {
            boolean emailTaken = users.values().stream()
                    .anyMatch(u -> u.email().equalsIgnoreCase(user.email()) && !u.id().equals(user.id()));
            if (emailTaken) {
                throw new IllegalArgumentException("a user with email " + user.email() + " is already seeded");
            }
            users.put(user.id(), user);
        }
        return user;
    }

    public FakeUser addUser(String email) {
        return addUser(FakeUser.builder(email));
    }

    public Optional<FakeUser> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    public Optional<FakeUser> userByEmail(String email) {
        synchronized (users) {
            return users.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst();
        }
    }

    public List<FakeUser> users() {
        synchronized (users) {
            return List.copyOf(users.values());
        }
    }

    /** Seeds an organization with id {@code org_<n>}. */
    public FakeOrganization addOrganization(String name) {
        return addOrganization(new FakeOrganization("org_" + ids.incrementAndGet(), name, List.of(), List.of(), null));
    }

    /** Seeds or replaces an organization (by id). */
    public FakeOrganization addOrganization(FakeOrganization organization) {
        organizations.put(organization.id(), Objects.requireNonNull(organization, "organization"));
        return organization;
    }

    public Optional<FakeOrganization> organization(String id) {
        return Optional.ofNullable(organizations.get(id));
    }

    /** Makes {@code user} a member of {@code organization} with the given roles (first is primary) and permissions. */
    public FakeMembership addMembership(FakeUser user, FakeOrganization organization, List<String> roles,
                                        List<String> permissions) {
        requireSeeded(user, organization);
        FakeMembership m = new FakeMembership(user.id(), organization.id(), roles, permissions);
        memberships.removeIf(x -> x.userId().equals(user.id()) && x.organizationId().equals(organization.id()));
        memberships.add(m);
        return m;
    }

    public FakeMembership addMembership(FakeUser user, FakeOrganization organization, String role, String... permissions) {
        return addMembership(user, organization, List.of(role), List.of(permissions));
    }

    public List<FakeMembership> memberships(FakeUser user) {
        return memberships.stream().filter(m -> m.userId().equals(user.id())).collect(Collectors.toList());
    }

    /** Upstream OAuth tokens returned as {@code oauth_tokens} when {@code user} next signs in. */
    public void setOAuthTokens(FakeUser user, OAuthTokens tokens) {
        oauthTokens.put(user.id(), Objects.requireNonNull(tokens, "tokens"));
    }

    /** The next sign-in (of any user) is an impersonation by {@code email}, with an optional reason. */
    public void impersonateNextSignIn(String email, String reason) {
        nextImpersonator = new Impersonator(email, Optional.ofNullable(reason));
    }

    /**
     * For headless tests: {@code /user_management/authorize} signs {@code user} in at once and
     * redirects back, without showing the hosted page. {@code null} shows the page again.
     */
    public void autoSignIn(FakeUser user) {
        autoSignInUserId = user == null ? null : user.id();
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
        Objects.requireNonNull(failure, "failure");
        synchronized (failures) {
            Deque<Failure> queue = failures.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(failure);
            }
        }
    }

    /**
     * Seeds an API key of {@code organization} for machine clients and returns its secret value
     * ({@code sk_test_...}); {@code POST /api_keys/validations} then recognizes it (see
     * {@code AuthKit.validateApiKey}).
     */
    public String addApiKey(FakeOrganization organization, String name, String... permissions) {
        if (!organizations.containsKey(organization.id())) {
            throw new IllegalArgumentException("organization " + organization.id() + " is not seeded in this FakeWorkOS");
        }
        return apiKeys.add(organization.id(), name, List.of(permissions), clock.instant());
    }

    /** Drops every failure queued by {@link #failNext} that no request has met yet. */
    public void clearFailures() {
        synchronized (failures) {
            failures.clear();
        }
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(journal);
    }

    public List<RecordedRequest> requests(Endpoint endpoint) {
        return journal.stream().filter(r -> r.endpoint() == endpoint).collect(Collectors.toList());
    }

    /** How many refresh-token exchanges were attempted (successful or not). */
    public long refreshCalls() {
        return requests(Endpoint.AUTHENTICATE).stream()
                .filter(r -> r.grantType().filter("refresh_token"::equals).isPresent()).count();
    }

    /** Ends a session: its refresh tokens stop working. */
    public void revokeSession(String sessionId) {
        SessionState s = sessions.get(sessionId);
        if (s != null) {
            s.revoked = true;
        }
    }

    public boolean isSessionActive(String sessionId) {
        SessionState s = sessions.get(sessionId);
        return s != null && !s.revoked;
    }

    /**
     * Opens a session for {@code user} as a completed sign-in would (in the user's first
     * organization, if any), without a browser.
     */
    public IssuedSession signIn(FakeUser user) {
        return signIn(user, firstOrganization(user.id()).orElse(null));
    }

    /** Opens a session for {@code user} in {@code organization} (which the user must belong to; {@code null} for none). */
    public IssuedSession signIn(FakeUser user, FakeOrganization organization) {
        requireSeeded(user, organization);
        if (organization != null && membership(user.id(), organization.id()).isEmpty()) {
            throw new IllegalArgumentException(user.email() + " is not a member of " + organization.name());
        }
        SessionState s = openSession(user.id(), organization == null ? null : organization.id());
        Tokens t = issueTokens(s);
        return new IssuedSession(s.id, t.accessToken, t.refreshToken, coreUser(user),
                Optional.ofNullable(s.organizationId), Optional.ofNullable(s.impersonator), s.authenticationMethod);
    }

    /** Signs an access token for an open session as the fake would on refresh (for tests of odd claims). */
    public String accessToken(String sessionId, Consumer<JwtClaims> customize) {
        SessionState s = Optional.ofNullable(sessions.get(sessionId))
                .orElseThrow(() -> new IllegalArgumentException("no session " + sessionId));
        JwtClaims claims = claims(s);
        customize.accept(claims);
        return issuer.sign(claims);
    }

    /**
     * Back to the state right after start: no users, organizations, sessions, codes, failures or
     * journal beyond what the builder seeds, the clock at its start (a clock following system
     * time goes back to the system time), auto sign-in and pending impersonation cleared.
     * Signing keys are kept.
     */
    public void reset() {
        users.clear();
        lastSignIn.clear();
        organizations.clear();
        memberships.clear();
        oauthTokens.clear();
        flows.clear();
        codes.clear();
        sessions.clear();
        refreshTokens.clear();
        synchronized (failures) {
            failures.clear();
        }
        apiKeys.clear();
        journal.clear();
        nextImpersonator = null;
        autoSignInUserId = null;
        ids.set(0);
        if (clock.followsSystemTime()) {
            clock.resetToSystemTime();
        } else {
            clock.set(clockStart);
        }
        seed();
    }

    /** Stops the server; later calls do nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        Endpoint endpoint = route(ex.getRequestMethod(), path);
        byte[] body = ex.getRequestBody().readAllBytes();
        Instant receivedAt = clock.instant();
        Reply reply;
        try {
            Failure failure = nextFailure(endpoint);
            if (failure instanceof Failure.Delayed d) {
                sleep(d.delay());
                failure = d.failure();
            }
            if (failure instanceof Failure.DropConnection) {
                reply = Reply.dropConnection();
            } else if (failure instanceof Failure.Status f) {
                reply = Reply.json(f.status(), f.jsonBody());
            } else if (failure instanceof Failure.RateLimited f) {
                reply = Reply.json(429, "{\"error\":\"too_many_requests\",\"error_description\":\"Rate limit exceeded.\"}")
                        .withHeader("Retry-After", Integer.toString(f.retryAfterSeconds()));
            } else {
                if (failure instanceof Failure.Latency f) {
                    sleep(f.delay());
                }
                reply = dispatch(endpoint, ex, path, new String(body, StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            reply = Reply.json(500, "{\"error\":\"server_error\",\"error_description\":\"FakeWorkOS failed: "
                    + e.getClass().getSimpleName() + "\"}");
        }
        // journal first: a client that has its answer must find its request in the journal
        journal.add(new RecordedRequest(endpoint, ex.getRequestMethod(), path,
                Http.parseQuery(ex.getRequestURI().getRawQuery()), headers(ex),
                new String(body, StandardCharsets.UTF_8), reply.status(), receivedAt));
        reply.withHeader("X-Request-Id", "req_fake_" + journal.size()).send(ex);
    }

    private static Endpoint route(String method, String path) {
        if (path.equals("/user_management/authenticate") && method.equals("POST")) {
            return Endpoint.AUTHENTICATE;
        }
        if (path.startsWith("/sso/jwks/") && method.equals("GET")) {
            return Endpoint.JWKS;
        }
        if (path.startsWith("/user_management/authorize") && method.equals("GET")) {
            return Endpoint.AUTHORIZE;
        }
        if (path.equals("/user_management/sessions/logout") && method.equals("GET")) {
            return Endpoint.LOGOUT;
        }
        if (path.equals("/user_management/sessions/revoke") && method.equals("POST")) {
            return Endpoint.REVOKE_SESSION;
        }
        if (path.startsWith("/organizations/") && method.equals("GET")) {
            return Endpoint.ORGANIZATION;
        }
        if (path.equals("/api_keys/validations") && method.equals("POST")) {
            return Endpoint.API_KEY_VALIDATION;
        }
        return Endpoint.OTHER;
    }

    private Reply dispatch(Endpoint endpoint, HttpExchange ex, String path, String body) {
        Map<String, String> query = Http.parseQuery(ex.getRequestURI().getRawQuery());
        switch (endpoint) {
            case AUTHENTICATE:
                return authenticate(ex, body);
            case JWKS:
                return jwks(ex, path.substring("/sso/jwks/".length()));
            case AUTHORIZE:
                return authorize(ex, path, query);
            case LOGOUT:
                return logout(ex, query);
            case REVOKE_SESSION:
                return revoke(ex, body);
            case ORGANIZATION:
                return organizationJson(ex, path.substring("/organizations/".length()));
            case API_KEY_VALIDATION:
                return apiKeys.validate(ex.getRequestHeaders().getFirst("Authorization"), apiKey(), body);
            default:
                if (path.equals("/signed-out") && ex.getRequestMethod().equals("GET")) {
                    return Reply.html(200, HostedPages.signedOut());
                }
                return Reply.json(404, "{\"message\":\"Not found\",\"code\":\"entity_not_found\"}");
        }
    }

    // POST /user_management/authenticate
    private Reply authenticate(HttpExchange ex, String body) {
        Map<String, String> p = bodyParams(body);
        if (!clientId().equals(p.get("client_id"))) {
            return error(400, "invalid_client", "Invalid client ID.");
        }
        if (!apiKey().equals(p.get("client_secret"))) {
            return error(401, "invalid_client", "Invalid client secret.");
        }
        String grant = p.getOrDefault("grant_type", "");
        if (grant.equals("authorization_code")) {
            return exchangeCode(ex, p);
        }
        if (grant.equals("refresh_token")) {
            return refresh(ex, p);
        }
        return error(400, "unsupported_grant_type", "Unsupported grant type.");
    }

    private Reply exchangeCode(HttpExchange ex, Map<String, String> p) {
        String code = p.get("code");
        IssuedCode c = code == null ? null : codes.remove(code); // single use, even when the checks below fail
        if (c == null || clock.instant().isAfter(c.expiresAt) || !c.clientId.equals(p.get("client_id"))) {
            return error(400, "invalid_grant", "The code is invalid or has expired.");
        }
        if (p.containsKey("redirect_uri") && !c.redirectUri.equals(p.get("redirect_uri"))) {
            return error(400, "invalid_grant", "The redirect URI does not match the authorization request.");
        }
        if (c.codeChallenge != null) {
            String verifier = p.get("code_verifier");
            if (verifier == null || !TokenIssuer.s256(verifier).equals(c.codeChallenge)) {
                return error(400, "invalid_grant", "The code verifier does not match the code challenge.");
            }
        }
        FakeUser user = users.get(c.userId);
        if (user == null) {
            return error(400, "invalid_grant", "The user no longer exists.");
        }
        SessionState s = openSession(user.id(), c.organizationId);
        Tokens t = issueTokens(s);
        ObjectNode out = authResponse(user, s, t);
        OAuthTokens oauth = oauthTokens.get(user.id());
        if (oauth != null) {
            ObjectNode o = out.putObject("oauth_tokens");
            o.put("provider", oauth.provider());
            o.put("access_token", oauth.accessToken());
            o.put("refresh_token", oauth.refreshToken());
            o.put("expires_at", oauth.expiresAt());
            ArrayNode scopes = o.putArray("scopes");
            oauth.scopes().forEach(scopes::add);
        }
        return Reply.json(200, out.toString());
    }

    private Reply refresh(HttpExchange ex, Map<String, String> p) {
        String token = p.get("refresh_token");
        String sid = token == null ? null : refreshTokens.get(token);
        SessionState s = sid == null ? null : sessions.get(sid);
        if (s == null) {
            return error(400, "invalid_grant", "Invalid refresh token.");
        }
        if (s.revoked) {
            return error(400, "invalid_grant", "Session has already ended.");
        }
        FakeUser user = users.get(s.userId);
        String orgId = p.get("organization_id");
        if (orgId != null && !orgId.equals(s.organizationId)) {
            FakeOrganization org = organizations.get(orgId);
            if (org == null || membership(s.userId, orgId).isEmpty()) {
                return Reply.json(403, "{\"code\":\"organization_membership_required\",\"message\":"
                        + JSON.valueToTree("The user is not a member of organization " + orgId + ".") + "}");
            }
            if (org.requirement() == FakeOrganization.Requirement.SSO) {
                return Reply.json(403, "{\"error\":\"sso_required\",\"error_description\":\"SSO is required for this "
                        + "organization.\",\"connection_ids\":[\"conn_" + orgId + "\"],\"pending_authentication_token\":\""
                        + TokenIssuer.opaque("pat_") + "\"}");
            }
            if (org.requirement() == FakeOrganization.Requirement.MFA_ENROLLMENT) {
                ObjectNode err = JSON.createObjectNode();
                err.put("code", "mfa_enrollment");
                err.put("message", "The user must enroll in MFA to access this organization.");
                err.set("user", userJson(user));
                err.put("pending_authentication_token", TokenIssuer.opaque("pat_"));
                return Reply.json(403, err.toString());
            }
        }
        // consume last, atomically: of any number of concurrent uses exactly one gets past here
        if (!refreshTokens.remove(token, sid)) {
            return error(400, "invalid_grant", "Invalid refresh token.");
        }
        if (orgId != null) {
            s.organizationId = orgId;
        }
        Tokens t = issueTokens(s);
        return Reply.json(200, authResponse(user, s, t).toString());
    }

    // GET /sso/jwks/{clientId}
    private Reply jwks(HttpExchange ex, String requestedClientId) {
        if (!clientId().equals(requestedClientId)) {
            return Reply.json(404, "{\"message\":\"No JWKS for client " + Http.escape(requestedClientId) + "\"}");
        }
        return Reply.json(200, issuer.jwksJson());
    }

    // GET /user_management/authorize[/complete|/signup]
    private Reply authorize(HttpExchange ex, String path, Map<String, String> q) {
        if (path.equals("/user_management/authorize/complete")) {
            PendingAuthorization flow = flows.remove(q.getOrDefault("flow", ""));
            FakeUser user = users.get(q.getOrDefault("user_id", ""));
            if (flow == null || user == null) {
                return errorPage(400, "This sign-in link has expired or was already used. Start again from the application.");
            }
            return complete(ex, flow, user);
        }
        if (path.equals("/user_management/authorize/signup")) {
            PendingAuthorization flow = flows.remove(q.getOrDefault("flow", ""));
            String email = q.getOrDefault("email", "").trim();
            if (flow == null) {
                return errorPage(400, "This sign-up form has expired. Start again from the application.");
            }
            if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                return errorPage(400, "Enter a valid email address.");
            }
            FakeUser user = userByEmail(email).orElseGet(() -> addUser(FakeUser.builder(email)
                    .name(blankToNull(q.get("first_name")), blankToNull(q.get("last_name")))));
            return complete(ex, flow, user);
        }
        if (!path.equals("/user_management/authorize")) {
            return errorPage(404, "Not found.");
        }
        if (!clientId().equals(q.get("client_id"))) {
            return errorPage(400, "Unknown client_id. Check WORKOS_CLIENT_ID.");
        }
        String redirectUri = q.get("redirect_uri");
        if (redirectUri == null || !redirectAllowed(redirectUri)) {
            return errorPage(400, "The redirect_uri is not registered for this client.");
        }
        if (q.containsKey("response_type") && !"code".equals(q.get("response_type"))) {
            return errorPage(400, "Only response_type=code is supported.");
        }
        String method = q.get("code_challenge_method");
        if (q.containsKey("code_challenge") && method != null && !method.equals("S256")) {
            return errorPage(400, "Only the S256 code challenge method is supported.");
        }
        String orgId = q.get("organization_id");
        if (orgId != null && !organizations.containsKey(orgId)) {
            return errorPage(400, "Unknown organization_id.");
        }
        PendingAuthorization flow = new PendingAuthorization(redirectUri, q.get("state"), q.get("code_challenge"),
                orgId, q.get("login_hint"), "sign-up".equals(q.get("screen_hint")), q.get("prompt"));
        String auto = autoSignInUserId;
        if (auto != null && users.containsKey(auto)) {
            return complete(ex, flow, users.get(auto));
        }
        String flowId = TokenIssuer.opaque("flow_");
        flows.put(flowId, flow);
        List<FakeUser> choices = users().stream()
                .filter(u -> orgId == null || membership(u.id(), orgId).isPresent())
                .collect(Collectors.toList());
        return Reply.html(200, HostedPages.signIn(flowId, choices, flow.loginHint, flow.signUp,
                orgId == null ? null : organizations.get(orgId).name(), flow.prompt));
    }

    private Reply complete(HttpExchange ex, PendingAuthorization flow, FakeUser user) {
        String orgId = flow.organizationId;
        if (orgId != null && membership(user.id(), orgId).isEmpty()) {
            return errorPage(403, user.email() + " is not a member of this organization.");
        }
        if (orgId == null) {
            orgId = firstOrganization(user.id()).map(FakeOrganization::id).orElse(null);
        }
        String code = TokenIssuer.opaque("code_");
        codes.put(code, new IssuedCode(clientId(), flow.redirectUri, flow.codeChallenge, user.id(), orgId,
                clock.instant().plus(CODE_LIFETIME)));
        StringBuilder location = new StringBuilder(flow.redirectUri);
        location.append(flow.redirectUri.contains("?") ? '&' : '?').append("code=").append(Http.encode(code));
        if (flow.state != null) {
            location.append("&state=").append(Http.encode(flow.state));
        }
        return Reply.redirect(location.toString());
    }

    // GET /user_management/sessions/logout
    private Reply logout(HttpExchange ex, Map<String, String> q) {
        String sid = q.get("session_id");
        if (sid == null || sid.isEmpty()) {
            return errorPage(400, "session_id is required.");
        }
        revokeSession(sid);
        String returnTo = q.get("return_to");
        return Reply.redirect(returnTo != null && logoutReturnAllowed(returnTo) ? returnTo : baseUrl + "/signed-out");
    }

    // POST /user_management/sessions/revoke
    private Reply revoke(HttpExchange ex, String body) {
        if (!("Bearer " + apiKey()).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            return error(401, "unauthorized", "Invalid API key.");
        }
        String sid = bodyParams(body).get("session_id");
        if (sid == null || !sessions.containsKey(sid)) {
            return Reply.json(404, "{\"message\":\"Session not found\",\"code\":\"entity_not_found\"}");
        }
        revokeSession(sid);
        return Reply.json(200, "{}");
    }

    // GET /organizations/{id}
    private Reply organizationJson(HttpExchange ex, String id) {
        FakeOrganization org = organizations.get(id);
        if (org == null) {
            return Reply.json(404, "{\"message\":\"Organization not found\",\"code\":\"entity_not_found\"}");
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("object", "organization");
        o.put("id", org.id());
        o.put("name", org.name());
        o.put("allow_profiles_outside_organization", false);
        o.putArray("domains");
        o.putNull("stripe_customer_id");
        o.putNull("external_id");
        o.putObject("metadata");
        o.put("created_at", iso(clockStart));
        o.put("updated_at", iso(clockStart));
        return Reply.json(200, o.toString());
    }

    // ---------------------------------------------------------------- sessions and tokens

    private SessionState openSession(String userId, String organizationId) {
        Impersonator impersonator = nextImpersonator;
        nextImpersonator = null;
        SessionState s = new SessionState(TokenIssuer.opaque("session_"), userId, organizationId, impersonator,
                impersonator != null ? "Impersonation" : "Password", clock.instant());
        sessions.put(s.id, s);
        lastSignIn.put(userId, clock.instant());
        return s;
    }

    private Tokens issueTokens(SessionState s) {
        String refreshToken = TokenIssuer.opaque("rt_");
        refreshTokens.put(refreshToken, s.id);
        return new Tokens(issuer.sign(claims(s)), refreshToken);
    }

    private JwtClaims claims(SessionState s) {
        Instant now = clock.instant();
        JwtClaims c = new JwtClaims();
        c.setIssuer(baseUrl);
        c.setSubject(s.userId);
        c.setClaim("sid", s.id);
        c.setJwtId(TokenIssuer.opaque("jti_"));
        c.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        c.setExpirationTime(NumericDate.fromSeconds(now.plus(options.accessTokenLifetime).getEpochSecond()));
        c.setClaim("auth_time", s.authTime.getEpochSecond());
        if (s.organizationId != null) {
            c.setClaim("org_id", s.organizationId);
            Optional<FakeMembership> m = membership(s.userId, s.organizationId);
            m.ifPresent(x -> {
                c.setClaim("role", x.role());
                c.setStringListClaim("roles", x.roles());
                c.setStringListClaim("permissions", x.permissions());
            });
            FakeOrganization org = organizations.get(s.organizationId);
            c.setStringListClaim("entitlements", org == null ? List.of() : org.entitlements());
            c.setStringListClaim("feature_flags", org == null ? List.of() : org.featureFlags());
        } else {
            c.setStringListClaim("roles", List.of());
            c.setStringListClaim("permissions", List.of());
            c.setStringListClaim("entitlements", List.of());
            c.setStringListClaim("feature_flags", List.of());
        }
        if (s.impersonator != null) {
            c.setClaim("act", Map.of("sub", s.impersonator.email()));
        }
        return c;
    }

    private ObjectNode authResponse(FakeUser user, SessionState s, Tokens t) {
        ObjectNode out = JSON.createObjectNode();
        out.set("user", userJson(user));
        if (s.organizationId != null) {
            out.put("organization_id", s.organizationId);
        } else {
            out.putNull("organization_id");
        }
        out.put("access_token", t.accessToken);
        out.put("refresh_token", t.refreshToken);
        out.put("authentication_method", s.authenticationMethod);
        if (s.impersonator != null) {
            ObjectNode imp = out.putObject("impersonator");
            imp.put("email", s.impersonator.email());
            imp.put("reason", s.impersonator.reason().orElse(null));
        }
        // without impersonation the field is left out, so no "impersonator": null reaches a Next.js cookie
        out.putNull("authkit_authorization_code");
        return out;
    }

    private ObjectNode userJson(FakeUser u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("object", "user");
        n.put("id", u.id());
        n.put("email", u.email());
        n.put("first_name", u.firstName().orElse(null));
        n.put("last_name", u.lastName().orElse(null));
        n.put("name", fullName(u).orElse(null));
        n.put("profile_picture_url", u.profilePictureUrl().orElse(null));
        n.put("email_verified", u.emailVerified());
        n.put("external_id", u.externalId().orElse(null));
        n.put("locale", u.locale().orElse(null));
        Instant last = lastSignIn.get(u.id());
        n.put("last_sign_in_at", last == null ? null : iso(last));
        n.put("created_at", iso(u.createdAt()));
        n.put("updated_at", iso(u.createdAt()));
        ObjectNode metadata = n.putObject("metadata");
        u.metadata().forEach(metadata::put);
        return n;
    }

    /** The seeded user in the camelCase shape the session cookie holds (as the Node SDK maps it). */
    User coreUser(FakeUser u) {
        Instant last = lastSignIn.get(u.id());
        return new User(u.id(), u.email(), u.emailVerified(), u.firstName(), u.lastName(), u.profilePictureUrl(),
                Optional.ofNullable(last).map(FakeWorkOS::iso), u.externalId(), u.locale(), u.metadata(),
                iso(u.createdAt()), iso(u.createdAt()), fullName(u), Map.of());
    }

    // ---------------------------------------------------------------- helpers

    /** What WorkOS reports as {@code name}: first and last name joined, when either is set. */
    private static Optional<String> fullName(FakeUser u) {
        String name = (u.firstName().orElse("") + " " + u.lastName().orElse("")).trim();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private void seed() {
        if (options.demoData) {
            DemoData.seed(this);
        }
        for (Consumer<FakeWorkOS> seeder : options.seeders) {
            seeder.accept(this);
        }
    }

    private Optional<FakeMembership> membership(String userId, String orgId) {
        return memberships.stream().filter(m -> m.userId().equals(userId) && m.organizationId().equals(orgId)).findFirst();
    }

    private Optional<FakeOrganization> firstOrganization(String userId) {
        return memberships.stream().filter(m -> m.userId().equals(userId)).findFirst()
                .map(m -> organizations.get(m.organizationId()));
    }

    private void requireSeeded(FakeUser user, FakeOrganization org) {
        if (!users.containsKey(user.id())) {
            throw new IllegalArgumentException("user " + user.id() + " is not seeded in this FakeWorkOS");
        }
        if (org != null && !organizations.containsKey(org.id())) {
            throw new IllegalArgumentException("organization " + org.id() + " is not seeded in this FakeWorkOS");
        }
    }

    private Failure nextFailure(Endpoint endpoint) {
        synchronized (failures) {
            Deque<Failure> q = failures.get(endpoint);
            return q == null ? null : q.poll();
        }
    }

    private boolean redirectAllowed(String uri) {
        if (!options.redirectUris.isEmpty()) {
            return options.redirectUris.contains(uri);
        }
        return isLoopbackHttp(uri);
    }

    private boolean logoutReturnAllowed(String uri) {
        if (options.redirectUris.isEmpty()) {
            return isLoopbackHttp(uri);
        }
        Optional<String> origin = origin(uri);
        return origin.isPresent() && options.redirectUris.stream().map(FakeWorkOS::origin)
                .anyMatch(o -> o.equals(origin));
    }

    private static boolean isLoopbackHttp(String uri) {
        try {
            URI u = new URI(uri);
            String host = u.getHost();
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && host != null && Set.of("localhost", "127.0.0.1", "[::1]").contains(host.toLowerCase(Locale.ROOT));
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<String> origin(String uri) {
        try {
            URI u = new URI(uri);
            if (u.getScheme() == null || u.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT)
                    + ":" + (u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> bodyParams(String body) {
        String trimmed = body.trim();
        if (!trimmed.startsWith("{")) {
            return Http.parseQuery(trimmed);
        }
        Map<String, String> out = new LinkedHashMap<>();
        try {
            JsonNode root = JSON.readTree(trimmed);
            root.properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        } catch (IOException e) {
            // an unreadable body has no parameters; the checks that follow reject it
        }
        return out;
    }

    private static Map<String, List<String>> headers(HttpExchange ex) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return out;
    }

    private static Reply error(int status, String error, String description) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", error);
        n.put("error_description", description);
        return Reply.json(status, n.toString());
    }

    private static Reply errorPage(int status, String message) {
        return Reply.html(status, HostedPages.error(message));
    }

    /** WorkOS writes timestamps in UTC with exactly three fraction digits: {@code 2024-01-01T00:00:00.000Z}. */
    private static final DateTimeFormatter WORKOS_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static String iso(Instant t) {
        return WORKOS_TIME.format(t);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record PendingAuthorization(String redirectUri, String state, String codeChallenge, String organizationId,
                                        String loginHint, boolean signUp, String prompt) {
    }

    private record IssuedCode(String clientId, String redirectUri, String codeChallenge, String userId,
                              String organizationId, Instant expiresAt) {
    }

    private record Tokens(String accessToken, String refreshToken) {
    }

    private static final class SessionState {
        final String id;
        final String userId;
        volatile String organizationId;
        final Impersonator impersonator;
        final String authenticationMethod;
        final Instant authTime;
        volatile boolean revoked;

        SessionState(String id, String userId, String organizationId, Impersonator impersonator,
                     String authenticationMethod, Instant authTime) {
            this.id = id;
            this.userId = userId;
            this.organizationId = organizationId;
            this.impersonator = impersonator;
            this.authenticationMethod = authenticationMethod;
            this.authTime = authTime;
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
        private final List<Consumer<FakeWorkOS>> seeders = new ArrayList<>();

        private Builder() {
        }

        /** A copy that a started fake keeps, so later calls on this builder do not reach it. */
        private Builder copy() {
            Builder b = new Builder();
            b.clientId = clientId;
            b.apiKey = apiKey;
            b.port = port;
            b.accessTokenLifetime = accessTokenLifetime;
            b.clock = clock;
            b.redirectUris.addAll(redirectUris);
            b.demoData = demoData;
            b.seeders.addAll(seeders);
            return b;
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

        /**
         * The clock tokens and codes are stamped with. Default: {@link FakeClock#systemTime()}, real
         * time that a test may still advance. Pass a stopped clock ({@code new FakeClock(instant)})
         * for full control.
         */
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
