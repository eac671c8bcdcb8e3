package dev.authkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model-based journey test: random sequences of what users and WorkOS do (navigate to public and
 * protected pages, let the access token expire, refresh, switch organization as a member, a
 * non-member and into an organization that requires SSO, re-authenticate through the hosted page,
 * open several tabs at once with one cookie, sign out, have the session revoked, and WorkOS
 * failing with 5xx, 429, a dropped connection or latency), through {@link AuthKitFilter} on
 * embedded Jetty against {@link FakeWorkOS} over HTTP. Besides the journey's browser, other
 * browsers (sessions FakeWorkOS opens for the same or another user) come and go, and revocation
 * reaches them all: a signed {@code session.revoked} webhook for one browser's session (WorkOS
 * revoked it and tells the application), a forged one (wrong secret, another body's signature, a
 * 4-minute-old timestamp, a truncated header) and sign out everywhere from one browser. After every
 * step it checks:
 * <ul>
 * <li>no 5xx except a 503 during an injected outage (which must carry {@code Retry-After});</li>
 * <li>the user is signed out only by their own sign-out or a revoked session;</li>
 * <li>a session on the revocation list (webhook, or sign out everywhere from any browser of its
 * user) is signed out at its next request, in every browser that holds it; the other browsers,
 * of that user and of others, stay signed in; the endpoints that exchange the refresh token
 * themselves ({@code /auth/api/refresh}, {@code /auth/api/switch-organization}) delete the cookie
 * too;</li>
 * <li>a forged webhook is refused with the status the model predicts (401, or 400 for a
 * malformed header) and changes nothing;</li>
 * <li>every redirect chain ends on a page the application serves with GET;</li>
 * <li>every {@code Set-Cookie} stays under the 4096 bytes browsers keep;</li>
 * <li>at most one refresh call reaches WorkOS per step (per stale session).</li>
 * </ul>
 * Two applications share the FakeWorkOS: one with the default refresh grace period, one with
 * none (where a refresh token reused within one request cannot hide behind the grace cache).
 *
 * <p>Every journey starts on a reset FakeWorkOS (sign out everywhere lists all of a user's
 * sessions). Replay one journey with {@code -Djourney.seed=N}; change the size with
 * {@code -Djourney.seeds} and {@code -Djourney.steps}. A failure names the seed and the step.
 */
class SessionJourneyTest {
    private static final String PASSWORD = "journey-test-cookie-password-0123456789abc";
    private static final String SECRET = "whsec_journey_test_secret";
    private static final Duration EXPIRE = Duration.ofMinutes(6);
    private static final List<String> USERS = List.of(DemoData.ALICE, DemoData.BOB, DemoData.CAROL);
    private static final List<String> ORGS = List.of(DemoData.ACME, DemoData.GLOBEX, DemoData.INITECH);
    private static final Pattern WHO = Pattern.compile("user=(\\S*);org=(\\S*);sid=(\\S*);");

    private static final Map<Action, Long> TIME_BY_ACTION = new java.util.concurrent.ConcurrentHashMap<>();
    /** How often each revocation prediction was put to the test, so that a run shows they were. */
    private static final Map<String, Integer> REVOCATION_CHECKS = new java.util.concurrent.ConcurrentHashMap<>();
    private static FakeWorkOS fake;
    private static App graced;
    private static App strict;
    private static ExecutorService tabs;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private record App(Server server, String origin, String name) {
    }

    @BeforeAll
    static void start() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        graced = app("graced", null);
        strict = app("strict", Duration.ZERO);
        tabs = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stop() throws Exception {
        tabs.shutdownNow();
        graced.server().stop();
        strict.server().stop();
        fake.close();
    }

    private static App app(String name, Duration grace) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        connector.open();
        String origin = "http://127.0.0.1:" + connector.getLocalPort();
        AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey())
                .cookiePassword(PASSWORD).redirectUri(origin + "/callback").apiBaseUrl(fake.baseUrl()).webhookSecret(SECRET).build();
        AuthKit.Builder builder = AuthKit.builder(config).clock(fake.clock()).middlewareAuth(true)
                .unauthenticatedPaths("/", "/public/:path*");
        if (grace != null) {
            builder.refreshGracePeriod(grace);
        }
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new AuthKitFilter(builder.build())), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new PageServlet()), "/*");
        server.setHandler(context);
        server.start();
        return new App(server, origin, name);
    }

    /** The application: every path is a page served with GET that says who is signed in; nothing else. */
    static final class PageServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            var auth = ServletAuthKit.withAuth(req);
            resp.setContentType("text/html; charset=utf-8");
            resp.getWriter().write("<!doctype html><p id=\"who\">user=" + auth.userId().orElse("-") + ";org="
                    + auth.organizationId().orElse("-") + ";sid=" + auth.sessionId().orElse("-") + ";</p>");
        }
    }

    @Test
    void randomJourneysNeverLoseASession() throws Exception {
        int seeds = Integer.getInteger("journey.seeds", 60);
        int steps = Integer.getInteger("journey.steps", 40);
        Long only = Long.getLong("journey.seed");
        List<String> failures = new ArrayList<>();
        Map<String, Integer> byInvariant = new TreeMap<>();
        int stepsRun = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            if (only != null && seed != only) {
                continue;
            }
            // every journey starts on a fresh WorkOS: sign out everywhere lists a user's sessions, and
            // those of earlier journeys would make it slower and slower
            fake.reset();
            Journey journey = new Journey(seed, seed % 2 == 0 ? graced : strict);
            try {
                journey.run(steps);
            } catch (Violation v) {
                failures.add(v.getMessage());
                byInvariant.merge(v.invariant, 1, Integer::sum);
            } catch (IOException e) {
                failures.add("seed " + seed + " (" + journey.app.name() + ") step " + journey.step + " " + journey.action
                        + ": " + e + "; requests: " + String.join(" -> ", journey.trace));
                byInvariant.merge("every request is answered", 1, Integer::sum);
            } finally {
                stepsRun += journey.stepsRun;
                journey.cleanUp();
            }
        }
        System.out.printf("session journeys: %d seeds, %d steps, %d failed %s%n",
                only != null ? 1 : seeds, stepsRun, failures.size(), byInvariant);
        failures.stream().limit(20).forEach(f -> System.out.println("  " + f));
        System.out.println("milliseconds by action: " + new TreeMap<>(TIME_BY_ACTION));
        System.out.println("revocation predictions checked: " + new TreeMap<>(REVOCATION_CHECKS));
        assertThat(failures).as("journeys that broke an invariant (replay with -Djourney.seed=N)").isEmpty();
        assertThat(stepsRun).isGreaterThanOrEqualTo(only != null ? 1 : 2000);
        if (only == null) {
            assertThat(REVOCATION_CHECKS).as("every kind of revocation step was exercised")
                    .containsKeys("revoked session signed out", "other browser revoked and signed out",
                            "other browser kept signed in", "forged webhook refused", "sign out everywhere");
        }
    }

    /** An invariant broken at one step of one journey. */
    static final class Violation extends RuntimeException {
        final String invariant;

        Violation(String invariant, String message) {
            super(message, null, false, false);
            this.invariant = invariant;
        }
    }

    enum Action { NAV_PUBLIC, NAV_PROTECTED, EXPIRE, ALMOST_EXPIRE, REFRESH, SWITCH_JSON, SWITCH_FORM, TABS, SIGN_OUT,
        REVOKE, OUTAGE, LATENCY, OPEN_BROWSER, VISIT_BROWSERS, WEBHOOK, FORGED_WEBHOOK, EVERYWHERE }

    /**
     * Another browser: a session FakeWorkOS opened for {@code user} (as a sign-in elsewhere would),
     * its current cookie, and the model of its fate: {@code listed} once the journey's app was told
     * the session is revoked, so that its next request must sign it out.
     */
    static final class Browser {
        final String user;
        final String sessionId;
        String cookie;
        boolean listed;

        Browser(String user, String sessionId, String cookie) {
            this.user = user;
            this.sessionId = sessionId;
            this.cookie = cookie;
        }

        @Override
        public String toString() {
            return user + "/" + sessionId + (listed ? " (revoked)" : "");
        }
    }

    /** One user in one browser, with the model of what should be true. */
    static final class Journey {
        final long seed;
        final App app;
        final Random random;
        final Map<String, String> jar = new LinkedHashMap<>();
        int stepsRun;
        int step;
        Action action;
        // the model
        String user;
        String org;
        String sessionId;
        boolean revoked;
        boolean revokedAtStart;
        /** The app was told the session is revoked (webhook, sign out everywhere): its next request signs out. */
        boolean listed;
        boolean listedAtStart;
        final List<Browser> others = new ArrayList<>();
        boolean outage;
        // observations of the current step
        boolean sessionDeleted;
        boolean sentSession;
        int otherRequests;
        final List<String> trace = new ArrayList<>();
        final List<Action> history = new ArrayList<>();

        Journey(long seed, App app) {
            this.seed = seed;
            this.app = app;
            this.random = new Random(seed);
        }

        void run(int steps) throws Exception {
            for (step = 1; step <= steps; step++) {
                action = step == 1 ? Action.NAV_PROTECTED : pick();
                history.add(action);
                sessionDeleted = false;
                outage = false;
                revokedAtStart = revoked;
                listedAtStart = listed;
                sentSession = false;
                otherRequests = 0;
                trace.clear();
                long refreshesBefore = answeredRefreshes();
                long started = System.nanoTime();
                perform();
                TIME_BY_ACTION.merge(action, (System.nanoTime() - started) / 1_000_000, Long::sum);
                long refreshes = answeredRefreshes() - refreshesBefore;
                // parallel tabs of a revoked session may each hear "session ended" from WorkOS
                check("one refresh per stale session", refreshes <= 1 + otherRequests || (action == Action.TABS && revokedAtStart),
                        refreshes + " refresh calls reached WorkOS");
                if (listedAtStart && sentSession) {
                    check("a revoked session's next request is signed out", sessionDeleted,
                            "the session on the revocation list was sent and its cookie was not deleted");
                    counted("revoked session signed out");
                }
                stepsRun++;
            }
        }

        /** Refresh calls WorkOS answered (a connection dropped and retried by the transport is one call). */
        private static long answeredRefreshes() {
            return fake.requests(Endpoint.AUTHENTICATE).stream()
                    .filter(r -> r.status() != 0 && r.grantType().filter("refresh_token"::equals).isPresent()).count();
        }

        void cleanUp() {
            fake.clearFailures();
        }

        private Action pick() {
            int r = random.nextInt(100);
            if (r < 12) return Action.NAV_PUBLIC;
            if (r < 26) return Action.NAV_PROTECTED;
            if (r < 35) return Action.EXPIRE;
            if (r < 38) return Action.ALMOST_EXPIRE;
            if (r < 45) return Action.REFRESH;
            if (r < 53) return Action.SWITCH_JSON;
            if (r < 61) return Action.SWITCH_FORM;
            if (r < 67) return Action.TABS;
            if (r < 70) return Action.SIGN_OUT;
            if (r < 72) return Action.REVOKE;
            if (r < 79) return Action.OUTAGE;
            if (r < 83) return Action.LATENCY;
            if (r < 87) return Action.OPEN_BROWSER;
            if (r < 92) return Action.VISIT_BROWSERS;
            if (r < 95) return Action.WEBHOOK;
            if (r < 97) return Action.FORGED_WEBHOOK;
            return Action.EVERYWHERE;
        }

        private void perform() throws Exception {
            switch (action) {
                case NAV_PUBLIC -> observePage(follow(get("/public/" + random.nextInt(3), true)), true);
                case NAV_PROTECTED -> navigateProtected();
                case EXPIRE -> fake.clock().advance(EXPIRE);
                case ALMOST_EXPIRE -> fake.clock().advance(Duration.ofSeconds(280));
                case REFRESH -> refresh();
                case SWITCH_JSON -> switchJson();
                case SWITCH_FORM -> switchForm();
                case TABS -> tabs();
                case SIGN_OUT -> signOut();
                case REVOKE -> {
                    if (sessionId != null) {
                        fake.revokeSession(sessionId);
                        revoked = true;
                    }
                }
                case OUTAGE -> outage();
                case LATENCY -> {
                    fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.latency(Duration.ofMillis(5 + random.nextInt(40))));
                    fake.clock().advance(EXPIRE);
                    navigateProtected();
                    cleanUp();
                }
                case OPEN_BROWSER -> openBrowser();
                case VISIT_BROWSERS -> {
                    for (Browser b : List.copyOf(others)) {
                        visit(b);
                    }
                }
                case WEBHOOK -> webhook();
                case FORGED_WEBHOOK -> forgedWebhook();
                case EVERYWHERE -> everywhere();
            }
        }

        // ------------------------------------------------------------ revocation

        private void openBrowser() throws Exception {
            if (others.size() >= 3) {
                visit(others.get(random.nextInt(others.size())));
                return;
            }
            String who = user != null && random.nextBoolean() ? user : USERS.get(random.nextInt(USERS.size()));
            IssuedSession s = fake.signIn(fake.user(who).orElseThrow());
            Browser b = new Browser(who, s.sessionId(), s.cookieValue(PASSWORD));
            others.add(b);
            visit(b);
        }

        /** One page of another browser: signed in as its user, or, once its session is listed, signed out. */
        private void visit(Browser b) throws Exception {
            otherRequests++;
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.origin() + "/account?other=1"))
                    .timeout(Duration.ofSeconds(30)).header("Accept", "text/html").header("Cookie", "wos-session=" + b.cookie)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            trace.add("[other " + b + "] GET /account " + r.statusCode());
            check("no 5xx except 503 during an outage", r.statusCode() < 500,
                    "another browser's page answered " + r.statusCode() + " " + abbreviate(r.body()));
            Optional<String> set = r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("wos-session=")).findFirst();
            boolean deleted = set.filter(h -> h.split(";", 2)[0].trim().equals("wos-session=")
                    || h.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")).isPresent();
            if (b.listed) {
                check("a revoked session's next request is signed out", deleted && r.statusCode() / 100 == 3
                                && r.headers().firstValue("Location").orElse("").contains("/user_management/authorize"),
                        "the other browser " + b + " got " + r.statusCode() + (deleted ? "" : " without deleting its cookie"));
                others.remove(b);
                counted("other browser revoked and signed out");
                return;
            }
            counted("other browser kept signed in");
            check("other browsers stay signed in", r.statusCode() == 200 && !deleted && who(r)[0].equals(b.user),
                    "the other browser " + b + " got " + r.statusCode() + " "
                            + r.headers().firstValue("Location").orElse(abbreviate(r.body())));
            set.ifPresent(h -> b.cookie = h.split(";", 2)[0].substring("wos-session=".length()));
        }

        /** The journey's browser or another one whose session the app has not been told about; null for none. */
        private Object revocable() {
            List<Object> candidates = new ArrayList<>();
            if (sessionId != null && !listed) {
                candidates.add(this);
            }
            others.stream().filter(b -> !b.listed).forEach(candidates::add);
            return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
        }

        /** WorkOS revokes a session and tells the app with a signed session.revoked event. */
        private void webhook() throws Exception {
            Object target = revocable();
            if (target == null) {
                navigateProtected();
                return;
            }
            String sid = target == this ? sessionId : ((Browser) target).sessionId;
            String uid = target == this ? user : ((Browser) target).user;
            fake.revokeSession(sid);
            String body = revokedEvent(sid, uid);
            HttpResponse<String> r = postWebhook(body, signature(SECRET, fake.clock().millis(), body));
            check("a signed webhook is received", r.statusCode() == 200, "the webhook answered " + r.statusCode() + " "
                    + abbreviate(r.body()));
            if (target == this) {
                listed = true;
                revoked = true;
            } else {
                ((Browser) target).listed = true;
            }
        }

        /** A forged session.revoked event: refused with the predicted status, and the browser stays signed in. */
        private void forgedWebhook() throws Exception {
            Object target = revocable();
            if (target == null) {
                navigateProtected();
                return;
            }
            String sid = target == this ? sessionId : ((Browser) target).sessionId;
            String body = revokedEvent(sid, target == this ? user : ((Browser) target).user);
            long now = fake.clock().millis();
            int forgery = random.nextInt(4);
            String header = switch (forgery) {
                case 0 -> signature("whsec_wrong_secret", now, body);
                case 1 -> signature(SECRET, now, revokedEvent("session_someone_else", "user_someone_else"));
                case 2 -> signature(SECRET, now - Duration.ofMinutes(4).toMillis(), body);
                default -> signature(SECRET, now, body).substring(0, 40);
            };
            int expected = forgery == 3 ? 400 : 401;
            HttpResponse<String> r = postWebhook(body, header);
            check("a forged webhook is refused", r.statusCode() == expected, "forgery " + forgery + " answered "
                    + r.statusCode() + ", expected " + expected);
            counted("forged webhook refused");
            if (target == this) {
                navigateProtected(); // still signed in, unless WorkOS itself ended it (REVOKE) and the token expired
            } else {
                visit((Browser) target);
            }
        }

        /** Sign out everywhere from the journey's browser or another: every browser of that user is signed out next. */
        private void everywhere() throws Exception {
            List<Object> actors = new ArrayList<>();
            if (user != null && !revoked) {
                actors.add(this);
            }
            others.stream().filter(b -> !b.listed).forEach(actors::add);
            if (actors.isEmpty()) {
                navigateProtected();
                return;
            }
            Object actor = actors.get(random.nextInt(actors.size()));
            String whose;
            HttpResponse<String> r;
            if (actor == this) {
                whose = user;
                r = post("/auth/api/sign-out-everywhere", false, true);
                check("sign out everywhere signs this browser out", sessionDeleted && user == null,
                        "the session cookie was not deleted");
            } else {
                Browser b = (Browser) actor;
                whose = b.user;
                otherRequests++;
                r = HTTP.send(HttpRequest.newBuilder(URI.create(app.origin() + "/auth/api/sign-out-everywhere"))
                        .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").header("X-AuthKit-Request", "1")
                        .header("Cookie", "wos-session=" + b.cookie).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                trace.add("[other " + b + "] POST /auth/api/sign-out-everywhere " + r.statusCode());
                check("sign out everywhere signs this browser out", r.headers().allValues("Set-Cookie").stream()
                        .anyMatch(h -> h.startsWith("wos-session=;") || h.startsWith("wos-session=") && h.contains("Max-Age=0")),
                        "the other browser's cookie was not deleted: " + r.headers().allValues("Set-Cookie"));
                others.remove(b);
            }
            check("sign out everywhere answers with WorkOS's logout URL", r.statusCode() == 200 && r.body().contains("logoutUrl"),
                    "answered " + r.statusCode() + " " + abbreviate(r.body()));
            counted("sign out everywhere");
            for (Browser b : others) {
                if (b.user.equals(whose)) {
                    b.listed = true;
                }
            }
            // WorkOS lists a user's revoked sessions too, so a session it already ended (REVOKE) is listed as well
            if (whose.equals(user) && sessionId != null) {
                listed = true;
                revoked = true;
            }
        }

        private static void counted(String what) {
            REVOCATION_CHECKS.merge(what, 1, Integer::sum);
        }

        private HttpResponse<String> postWebhook(String body, String signature) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.origin() + "/auth/webhooks/workos"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("WorkOS-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            trace.add("POST /auth/webhooks/workos " + r.statusCode());
            check("no 5xx except 503 during an outage", r.statusCode() < 500, "the webhook answered " + r.statusCode());
            return r;
        }

        private static String revokedEvent(String sid, String uid) {
            return "{\"id\":\"event_" + sid + "\",\"event\":\"session.revoked\",\"data\":{\"object\":\"session\",\"id\":\""
                    + sid + "\",\"user_id\":\"" + uid + "\"},\"created_at\":\"2026-01-01T00:00:00.000Z\"}";
        }

        private static String signature(String secret, long t, String body) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ", v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        }

        private void navigateProtected() throws Exception {
            boolean html = user == null || random.nextInt(4) > 0;
            HttpResponse<String> first = get("/account?tab=" + random.nextInt(5), html);
            if (!html && user == null) {
                check("API clients get 401, not a hosted page", first.statusCode() == 401,
                        "a script without a session got " + first.statusCode());
                return;
            }
            if (!html && sessionDeleted && first.statusCode() == 401) {
                return; // a revoked session: scripts get 401
            }
            observePage(follow(first), false);
            String[] who = who(last);
            check("protected page shows a signed-in user", !who[0].equals("-"), "the protected page was served signed out");
        }

        private void refresh() throws Exception {
            HttpResponse<String> r = post("/auth/api/refresh", false, true);
            if (listedAtStart) {
                check("a revoked session's next request is signed out", r.statusCode() == 401,
                        "POST /auth/api/refresh of a revoked session answered " + r.statusCode() + " " + abbreviate(r.body()));
                counted("revoked session refused by a token-exchanging endpoint");
                return;
            }
            if (user == null) {
                check("refresh without a session", r.statusCode() == 401 || r.statusCode() == 200, "status " + r.statusCode());
                return;
            }
            if (sessionDeleted && r.statusCode() == 401) {
                return;
            }
            check("refresh keeps the user", r.statusCode() == 200 && r.body().contains("\"" + user + "\""),
                    "POST /auth/api/refresh answered " + r.statusCode() + " " + abbreviate(r.body()));
        }

        private String target() {
            return ORGS.get(random.nextInt(ORGS.size()));
        }

        private Kind kind(String target) {
            if (target.equals(org)) {
                return Kind.MEMBER;
            }
            boolean member = user.equals(DemoData.ALICE) || (user.equals(DemoData.BOB) && target.equals(DemoData.ACME));
            if (!member) {
                return Kind.NOT_MEMBER;
            }
            return target.equals(DemoData.INITECH) ? Kind.SSO : Kind.MEMBER;
        }

        private enum Kind { MEMBER, NOT_MEMBER, SSO }

        private void switchJson() throws Exception {
            if (user == null) {
                navigateProtected();
                return;
            }
            String target = target();
            Kind kind = kind(target);
            HttpResponse<String> r = post("/auth/api/switch-organization?organizationId=" + target, false, true);
            if (listedAtStart) {
                check("a revoked session's next request is signed out", r.statusCode() == 401,
                        "a switch of a revoked session answered " + r.statusCode() + " " + abbreviate(r.body()));
                counted("revoked session refused by a token-exchanging endpoint");
                return;
            }
            if (sessionDeleted && r.statusCode() == 401) {
                return;
            }
            switch (kind) {
                case MEMBER -> {
                    check("a member switches", r.statusCode() == 200 && r.body().contains("\"organizationId\":\"" + target + "\""),
                            "switch of " + user + " to " + target + " answered " + r.statusCode() + " " + abbreviate(r.body()));
                    org = target;
                }
                case NOT_MEMBER -> check("a refused switch keeps the session",
                        r.statusCode() >= 400 && r.statusCode() < 500 && r.statusCode() != 401,
                        "switch of non-member " + user + " to " + target + " answered " + r.statusCode() + " " + abbreviate(r.body()));
                case SSO -> check("an SSO switch asks to re-authenticate", r.body().contains("reauthenticationUrl"),
                        "SSO switch of " + user + " answered " + r.statusCode() + " " + abbreviate(r.body()));
            }
        }

        private void switchForm() throws Exception {
            if (user == null) {
                navigateProtected();
                return;
            }
            String target = target();
            Kind kind = kind(target);
            HttpResponse<String> r = post("/auth/api/switch-organization?organizationId=" + target + "&returnTo="
                    + URLEncoder.encode("/account?from=switch", StandardCharsets.UTF_8), true, false);
            if (listedAtStart) {
                check("a revoked session's next request is signed out", r.statusCode() == 303
                                && r.headers().firstValue("Location").orElse("").contains("/user_management/authorize"),
                        "a form switch of a revoked session answered " + r.statusCode() + " "
                                + r.headers().firstValue("Location").orElse(""));
                counted("revoked session refused by a token-exchanging endpoint");
                signedOut(); // the browser signs in again, as whoever the hosted page is given
                observePage(follow(r), false);
                return;
            }
            if (r.statusCode() == 303 && sessionDeleted) {
                observePage(follow(r), false); // WorkOS ended the session: signing in again is right
                return;
            }
            if (kind == Kind.NOT_MEMBER) {
                check("a refused switch keeps the session", r.statusCode() >= 400 && r.statusCode() < 500 && r.statusCode() != 401,
                        "form switch of non-member " + user + " to " + target + " answered " + r.statusCode() + " "
                                + r.headers().firstValue("Location").orElse(""));
                return;
            }
            HttpResponse<String> end = follow(r);
            if (sessionDeleted) {
                return;
            }
            observePage(end, false);
            check("a switch returns to the page", end.uri().getPath().equals("/account"),
                    "the switch ended on " + end.uri());
            String[] who = who(end);
            check("the switch took effect", who[1].equals(target), "after switching to " + target + " the page shows " + who[1]);
            org = target;
        }

        private void tabs() throws Exception {
            if (app != graced || user == null) {
                navigateProtected();
                return;
            }
            if (random.nextBoolean()) {
                fake.clock().advance(EXPIRE);
            }
            String cookies = cookieHeader();
            sentSession |= jar.containsKey("wos-session");
            List<Future<HttpResponse<String>>> pages = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int tab = i;
                Callable<HttpResponse<String>> call = () -> HTTP.send(HttpRequest.newBuilder(URI.create(app.origin() + "/account?tab=" + tab))
                        .timeout(Duration.ofSeconds(30)).header("Accept", "text/html").header("Cookie", cookies).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                pages.add(tabs.submit(call));
            }
            boolean wasRevoked = revoked;
            for (Future<HttpResponse<String>> f : pages) {
                HttpResponse<String> page = f.get();
                record(page);
                if (listedAtStart) {
                    // (503: a tab that waited on another tab's refresh WorkOS refused, as for REVOKE above)
                    check("a revoked session's next request is signed out", page.statusCode() / 100 == 3 || page.statusCode() == 503,
                            "a tab of a revoked session got " + page.statusCode() + " " + abbreviate(page.body()));
                    continue;
                }
                if (wasRevoked) {
                    continue; // until the token expires a revoked session still works; then sign-in is right
                }
                check("every tab stays signed in", page.statusCode() == 200 && who(page)[0].equals(user),
                        "a tab got " + page.statusCode() + " " + page.headers().firstValue("Location").orElse(abbreviate(page.body())));
            }
        }

        private void signOut() throws Exception {
            HttpResponse<String> end = follow(post("/auth/sign-out?returnTo=%2F", true, false));
            check("sign-out ends on the application", end.uri().toString().startsWith(app.origin()) && end.statusCode() == 200,
                    "sign-out ended on " + end.uri() + " with " + end.statusCode());
            check("signed out after sign-out", who(end)[0].equals("-"), "still signed in after sign-out");
            jar.remove("wos-session");
            signedOut();
        }

        private void outage() throws Exception {
            if (user == null || revoked) {
                navigateProtected();
                return;
            }
            Failure failure = switch (random.nextInt(5)) {
                case 0 -> Failure.serverError();
                case 1 -> Failure.status(500, "{\"error\":\"server_error\"}");
                case 2 -> Failure.status(502, "<html>bad gateway</html>");
                case 3 -> Failure.rateLimited(2);
                default -> Failure.dropConnection();
            };
            // the JDK HTTP client under the SDK retries a dropped connection by itself: drop every attempt
            fake.failNext(Endpoint.AUTHENTICATE, failure instanceof Failure.DropConnection ? 8 : 1, failure);
            fake.clock().advance(EXPIRE);
            outage = true;
            boolean publicPage = random.nextInt(4) == 0;
            boolean html = random.nextBoolean();
            HttpResponse<String> r = get(publicPage ? "/public/outage" : "/account", html);
            if (publicPage) {
                check("public pages go on during an outage", r.statusCode() == 200, "public page answered " + r.statusCode());
            } else {
                check("a protected page answers 503 during an outage", r.statusCode() == 503
                                && r.headers().firstValue("Retry-After").isPresent(),
                        "during a WorkOS outage (" + failure + ") a signed-in user's protected page answered " + r.statusCode()
                                + " " + r.headers().firstValue("Location").map(l -> "to " + abbreviate(l)).orElse(""));
            }
            cleanUp();
        }

        // ------------------------------------------------------------ observing

        private HttpResponse<String> last;

        private void observePage(HttpResponse<String> page, boolean isPublic) {
            last = page;
            check("redirect chains end on a page served with GET", page.statusCode() == 200
                            && page.uri().toString().startsWith(app.origin()),
                    "the chain ended on " + page.uri() + " with " + page.statusCode() + " " + abbreviate(page.body()));
            String[] who = who(page);
            if (who[0].equals("-")) {
                if (user != null && !(isPublic && outage)) {
                    check("signed out only by the user or WorkOS", revoked, "the page shows " + user + " signed out");
                    signedOut();
                }
                return;
            }
            check("a revoked session's next request is signed out", !(listed && who[2].equals(sessionId)),
                    "the page shows revoked session " + sessionId + " signed in");
            if (user != null) {
                check("the same user", who[0].equals(user), "page shows " + who[0] + ", expected " + user);
            }
            user = who[0];
            org = who[1].equals("-") ? null : who[1];
            sessionId = who[2];
        }

        private void signedOut() {
            user = null;
            org = null;
            sessionId = null;
            revoked = false;
            listed = false;
        }

        private static String[] who(HttpResponse<String> page) {
            Matcher m = WHO.matcher(page.body());
            return m.find() ? new String[] {m.group(1), m.group(2), m.group(3)} : new String[] {"-", "-", "-"};
        }

        private void check(String invariant, boolean ok, String detail) {
            if (!ok) {
                throw new Violation(invariant, "seed " + seed + " (" + app.name() + ") step " + step + " " + action
                        + " [" + invariant + "]: " + detail + "; requests: " + String.join(" -> ", trace) + "; steps before: "
                        + history.subList(Math.max(0, history.size() - 6), history.size() - 1));
            }
        }

        // ------------------------------------------------------------ the browser

        private HttpResponse<String> get(String pathAndQuery, boolean html) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(app.origin() + pathAndQuery)).GET(), html, false);
        }

        private HttpResponse<String> post(String pathAndQuery, boolean html, boolean script) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.origin() + pathAndQuery))
                    .POST(HttpRequest.BodyPublishers.noBody());
            if (script) {
                b.header("X-AuthKit-Request", "1");
            } else {
                b.header("Origin", app.origin());
            }
            return send(b, html, script);
        }

        private HttpResponse<String> send(HttpRequest.Builder b, boolean html, boolean script) throws Exception {
            b.timeout(Duration.ofSeconds(30)).header("Accept", html ? "text/html,application/xhtml+xml" : "application/json");
            HttpRequest request = b.build();
            if (request.uri().toString().startsWith(app.origin()) && !jar.isEmpty()) {
                request = HttpRequest.newBuilder(request, (n, v) -> true).header("Cookie", cookieHeader()).build();
                sentSession |= jar.containsKey("wos-session");
            }
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            record(r);
            return r;
        }

        private String cookieHeader() {
            StringBuilder s = new StringBuilder();
            jar.forEach((n, v) -> s.append(s.length() == 0 ? "" : "; ").append(n).append('=').append(v));
            return s.toString();
        }

        private synchronized void record(HttpResponse<String> r) {
            trace.add(r.request().method() + " " + r.uri().getRawPath() + " " + r.statusCode());
            int status = r.statusCode();
            // parallel tabs of a revoked session: the tabs that waited on another's failed refresh
            // answer 503 (RefreshCoordination shares no failure); the next request signs them out
            boolean waitedOnARevokedRefresh = status == 503 && action == Action.TABS && revokedAtStart;
            check("no 5xx except 503 during an outage", status < 500 || (status == 503 && outage) || waitedOnARevokedRefresh,
                    r.request().method() + " " + r.uri() + " answered " + status + " " + abbreviate(r.body()));
            if (!r.uri().toString().startsWith(app.origin())) {
                return;
            }
            for (String header : r.headers().allValues("Set-Cookie")) {
                check("cookies stay under browser limits", header.length() < 4096, "a Set-Cookie of " + header.length() + " bytes");
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean deletion = value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0");
                if (deletion) {
                    jar.remove(name);
                    if (name.equals("wos-session")) {
                        sessionDeleted = true;
                        check("signed out only by the user or WorkOS", user == null || revoked || action == Action.SIGN_OUT
                                        || action == Action.EVERYWHERE,
                                "the session cookie was deleted by " + r.request().method() + " " + r.uri().getRawPath());
                        signedOut();
                    }
                } else {
                    jar.put(name, value);
                }
            }
        }

        /** Follows redirects like a browser, through the hosted sign-in page (choosing a user) and WorkOS's logout. */
        private HttpResponse<String> follow(HttpResponse<String> r) throws Exception {
            for (int hops = 0; hops < 12; hops++) {
                if (r.statusCode() == 200 && r.uri().getPath().equals("/user_management/authorize")) {
                    r = chooseUser(r);
                    continue;
                }
                if (r.statusCode() < 300 || r.statusCode() >= 400) {
                    return r;
                }
                String location = r.headers().firstValue("Location").orElseThrow();
                URI next = r.uri().resolve(location);
                if (next.getPath().equals("/user_management/authorize") && user != null && !action.equals(Action.SWITCH_FORM)) {
                    check("signed out only by the user or WorkOS", revoked,
                            "signed-in " + user + " was sent to the hosted sign-in page");
                    signedOut();
                }
                r = send(HttpRequest.newBuilder(next).GET(), true, false);
            }
            throw new Violation("redirect chains end", "seed " + seed + " step " + step + ": more than 12 redirects: " + trace);
        }

        private HttpResponse<String> chooseUser(HttpResponse<String> page) throws Exception {
            String choice = user != null ? user : USERS.get(random.nextInt(USERS.size()));
            Matcher m = Pattern.compile("id=\"sign-in-" + Pattern.quote(choice) + "\" href=\"([^\"]+)\"").matcher(page.body());
            check("the hosted page offers the user", m.find(), choice + " is not offered on " + page.uri());
            HttpResponse<String> back = send(HttpRequest.newBuilder(page.uri().resolve(m.group(1).replace("&amp;", "&"))).GET(),
                    true, false);
            if (user == null) {
                user = choice;
            }
            return back;
        }

        private static String abbreviate(String s) {
            return s.length() > 160 ? s.substring(0, 160) + "…" : s;
        }
    }
}
