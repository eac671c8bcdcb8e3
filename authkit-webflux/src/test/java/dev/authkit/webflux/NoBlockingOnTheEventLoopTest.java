package dev.authkit.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitEvent;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Every call authkit makes to WorkOS (code exchange, JWKS, refresh, organization switch) is seen
 * by a {@link WorkOSObserver} on the thread that makes it: none may be a Reactor Netty event-loop
 * thread. The check is shown to fail first, with a filter that runs the core inline on the event
 * loop ({@code Schedulers.immediate()}).
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

    private FakeWorkOS fake;
    private RunningApp app;
    private String base;

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
        fake = FakeWorkOS.builder().withDemoData().start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        CallThreads threads = new CallThreads();
        AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                .redirectUri(base + "/callback").apiBaseUrl(fake.baseUrl()).build();
        AuthKit authKit = AuthKit.builder(config).clock(fake.clock()).middlewareAuth(true)
                .unauthenticatedPaths("/public/:path*").events(threads).build();
        app = NettyApps.start(port, "", new AuthKitWebFilter(authKit, false, scheduler), NettyApps.ECHO);
        return threads;
    }

    /** Sign-in through the callback, requests with the session (JWKS), a refresh, an organization switch. */
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
                .contains(WorkOSEndpoint.CODE_EXCHANGE, WorkOSEndpoint.REFRESH);
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

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
