package dev.authkit.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.RevocationList;
import dev.authkit.core.WorkOSEndpoint;
import dev.authkit.core.WorkOSObserver;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.conformance.AdapterConformanceSuite.RunningApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.WebHandler;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Every call authkit makes to WorkOS (code exchange, JWKS, refresh, organization switch) is seen
 * by a {@link WorkOSObserver} on the thread that makes it, and every read of a revocation list
 * that is not in memory (as Redis) by the list: none may be a Reactor Netty event-loop thread. The
 * check is shown to fail first, with a filter whose worker is the event loop itself
 * ({@code Schedulers.immediate()}). The other side: a known session is answered inline, the
 * application's handler running on the event-loop thread the request arrived on.
 */
class NoBlockingOnTheEventLoopTest {
    private static final String PASSWORD = "no-blocking-test-cookie-password-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();

    /** Records the thread of every WorkOS call. */
    static final class CallThreads implements Consumer<AuthKitEvent>, WorkOSObserver {
        record Call(WorkOSEndpoint endpoint, String thread, boolean eventLoop) {
        }

        final List<Call> calls = new CopyOnWriteArrayList<>();

        @Override
        public void accept(AuthKitEvent event) {
        }

        @Override
        public Scope start(WorkOSEndpoint endpoint) {
            Thread t = Thread.currentThread();
            calls.add(new Call(endpoint, t.getName(), isEventLoop(t)));
            return call -> {
            };
        }

        /** A Reactor Netty event loop (its threads are named {@code reactor-http-nio-N} / {@code -epoll-N}), or any non-blocking Reactor thread. */
        static boolean isEventLoop(Thread t) {
            return t.getName().startsWith("reactor-http-") || Schedulers.isNonBlockingThread(t);
        }

        List<Call> onEventLoop() {
            return calls.stream().filter(Call::eventLoop).toList();
        }
    }

    /** A revocation list behind the network, as Redis: blocking (the default), records the thread of each read. */
    static final class RecordingList implements RevocationList {
        final RevocationList inner;
        final boolean nonBlocking;
        final List<String> readThreads = new CopyOnWriteArrayList<>();

        RecordingList(RevocationList inner, boolean nonBlocking) {
            this.inner = inner;
            this.nonBlocking = nonBlocking;
        }

        @Override
        public void revoke(String sessionId, Instant until) {
            inner.revoke(sessionId, until);
        }

        @Override
        public boolean isRevoked(String sessionId) {
            readThreads.add(Thread.currentThread().getName());
            return inner.isRevoked(sessionId);
        }

        @Override
        public boolean nonBlocking() {
            return nonBlocking;
        }
    }

    private FakeWorkOS fake;
    private RunningApp app;
    private String base;
    /** The thread the application's handler ran on, per request, in order. */
    private final List<String> handlerThreads = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private CallThreads startWith(Scheduler scheduler) throws IOException {
        return startWith(scheduler, null);
    }

    private CallThreads startWith(Scheduler scheduler, RevocationList list) throws IOException {
        fake = FakeWorkOS.builder().withDemoData().start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        CallThreads threads = new CallThreads();
        AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                .redirectUri(base + "/callback").apiBaseUrl(fake.baseUrl()).build();
        AuthKit.Builder builder = AuthKit.builder(config).clock(fake.clock()).middlewareAuth(true).acceptBearerTokens(true)
                .unauthenticatedPaths("/public/:path*").events(threads);
        if (list != null) {
            builder.revocationList(list);
        }
        WebHandler recording = exchange -> {
            handlerThreads.add(Thread.currentThread().getName());
            return NettyApps.ECHO.handle(exchange);
        };
        app = NettyApps.start(port, "", new AuthKitWebFilter(builder.build(), false, scheduler), recording);
        return threads;
    }

    /**
     * Sign-in through the callback, requests with a session (JWKS) and a bearer token, a refresh,
     * an organization switch, sign-out.
     */
    private void walk() {
        HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(base + "/protected")).header("Accept", "text/html"));
        assertThat(start.statusCode()).isEqualTo(307);
        String verifier = start.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wos-auth-verifier-"))
                .findFirst().orElseThrow();
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(start.headers().firstValue("Location").orElseThrow())));
        FakeUser carol = fake.user(DemoData.CAROL).orElseThrow();
        Matcher m = Pattern.compile("id=\"sign-in-" + carol.id() + "\" href=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as("carol on the hosted page").isTrue();
        HttpResponse<String> chosen = send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + m.group(1).replace("&amp;", "&"))));
        URI callback = URI.create(chosen.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> back = send(HttpRequest.newBuilder(URI.create(base + "/callback?" + callback.getRawQuery()))
                .header("Cookie", verifier.substring(0, verifier.indexOf(';'))));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(307);
        assertThat(back.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("wos-session="));

        IssuedSession alice = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        String cookie = "wos-session=" + alice.cookieValue(PASSWORD);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/protected")).header("Cookie", cookie)).statusCode()).isEqualTo(200);
        fake.clock().advance(Duration.ofMinutes(10));
        HttpResponse<String> refreshed = send(HttpRequest.newBuilder(URI.create(base + "/protected")).header("Cookie", cookie));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(fake.refreshCalls()).isEqualTo(1);
        String current = sessionCookie(refreshed).orElseThrow();

        IssuedSession bob = fake.signIn(fake.user(DemoData.BOB).orElseThrow());
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/protected"))
                .header("Authorization", "Bearer " + bob.accessToken())).statusCode()).isEqualTo(200);

        HttpResponse<String> switched = send(HttpRequest.newBuilder(URI.create(base + "/auth/api/switch-organization?organizationId="
                + DemoData.GLOBEX)).header("Cookie", current).header("Origin", base).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(fake.refreshCalls()).isEqualTo(2);
        current = sessionCookie(switched).orElseThrow();

        HttpResponse<String> out = send(HttpRequest.newBuilder(URI.create(base + "/auth/sign-out")).header("Cookie", current)
                .header("Origin", base).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(out.statusCode()).isIn(302, 303, 307);
    }

    /** The new session cookie an answer sets, as a {@code Cookie} header value. */
    private static Optional<String> sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("wos-session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst();
    }

    /** Two requests with a session never seen: the first verifies its token (on the worker), the second is the hot path. */
    private void knownSessionTwice(String cookie) {
        for (int i = 0; i < 2; i++) {
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/protected")).header("Cookie", cookie)).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void theCheckCatchesACoreRunInlineOnTheEventLoop() throws IOException {
        CallThreads threads = startWith(Schedulers.immediate());
        walk();
        assertThat(threads.onEventLoop()).as("the check must see WorkOS calls made on the event loop")
                .extracting(CallThreads.Call::endpoint).contains(WorkOSEndpoint.CODE_EXCHANGE, WorkOSEndpoint.REFRESH);
    }

    @Test
    void theFilterNeverCallsWorkOSOnTheEventLoop() throws IOException {
        CallThreads threads = startWith(Schedulers.boundedElastic());
        walk();
        assertThat(threads.calls).extracting(CallThreads.Call::endpoint)
                .contains(WorkOSEndpoint.CODE_EXCHANGE, WorkOSEndpoint.REFRESH, WorkOSEndpoint.JWKS);
        assertThat(threads.onEventLoop()).as("WorkOS calls on an event-loop thread").isEmpty();
        assertThat(threads.calls).allSatisfy(c -> assertThat(c.thread()).startsWith("boundedElastic-"));
    }

    @Test
    void aDedicatedSchedulerIsWhereTheCoreRuns() throws IOException {
        Scheduler own = Schedulers.newBoundedElastic(4, 100, "authkit");
        try {
            CallThreads threads = startWith(own);
            walk();
            assertThat(threads.calls).isNotEmpty().allSatisfy(c -> assertThat(c.thread()).startsWith("authkit-"));
        } finally {
            own.dispose();
        }
    }

    @Test
    void aKnownSessionIsAnsweredInlineOnTheEventLoop() throws IOException {
        CallThreads threads = startWith(Schedulers.boundedElastic());
        knownSessionTwice("wos-session=" + fake.signIn(fake.user(DemoData.ALICE).orElseThrow()).cookieValue(PASSWORD));
        assertThat(handlerThreads).hasSize(2);
        assertThat(handlerThreads.get(0)).as("first sight: the token's check may fetch the JWKS").startsWith("boundedElastic-");
        assertThat(handlerThreads.get(1)).as("the hot path").startsWith("reactor-http-");
        assertThat(threads.calls).extracting(CallThreads.Call::endpoint).containsExactly(WorkOSEndpoint.JWKS);
        assertThat(threads.onEventLoop()).isEmpty();
    }

    @Test
    void aBlockingRevocationListIsNeverReadOnTheEventLoop() throws IOException {
        RecordingList list = new RecordingList(RevocationList.inProcess(Clock.systemUTC()), false);
        startWith(Schedulers.boundedElastic(), list);
        knownSessionTwice("wos-session=" + fake.signIn(fake.user(DemoData.ALICE).orElseThrow()).cookieValue(PASSWORD));
        assertThat(list.readThreads).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("boundedElastic-"));
        assertThat(handlerThreads).allSatisfy(t -> assertThat(t).startsWith("boundedElastic-"));
    }

    @Test
    void aRevocationListInMemoryIsReadInline() throws IOException {
        RecordingList list = new RecordingList(RevocationList.inProcess(Clock.systemUTC()), true);
        startWith(Schedulers.boundedElastic(), list);
        knownSessionTwice("wos-session=" + fake.signIn(fake.user(DemoData.ALICE).orElseThrow()).cookieValue(PASSWORD));
        assertThat(list.readThreads).hasSize(2);
        assertThat(list.readThreads.get(1)).startsWith("reactor-http-");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
