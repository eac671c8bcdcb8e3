package dev.authkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The measurement the revocation design promises: three application instances, each in its own
 * JVM ({@link JettyInstanceMain}: the servlet adapter on Jetty, the revocation list in a real
 * redis-server), and FakeWorkOS sending its signed {@code session.revoked} webhooks to the first
 * of them. 20 sessions are revoked at WorkOS one after the other; for each, every instance is
 * polled with the session's cookie, and the time from the revocation call (which returns once the
 * webhook was answered) to the first signed-out answer is measured on each instance. Each must be
 * signed out within 1 second (a generous bound: on an idle machine it takes a few milliseconds),
 * and the other sessions of the same users, and of other users, stay signed in everywhere.
 *
 * <p>The clock starts only once every instance has printed that it listens and has served every
 * session signed in, so JVM start-up on a loaded machine never counts.
 */
class RevocationAcrossJvmsTest {
    private static final String SECRET = "whsec_three_jvms_revocation";
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final Duration POLL_DEADLINE = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private static RedisServer redis;
    private static FakeWorkOS fake;
    private static final List<Process> instances = new ArrayList<>();
    private static final List<String> origins = new ArrayList<>();
    private static ExecutorService pollers;
    /** Sealed once per session, so that a poll costs a request and no more. */
    private static final java.util.Map<String, String> COOKIES = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        int firstPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            firstPort = s.getLocalPort();
        }
        fake = FakeWorkOS.builder().redirectUri(Stampede.REDIRECT)
                .webhook("http://127.0.0.1:" + firstPort + "/auth/webhooks/workos", SECRET).start();
        // all three start at once; each gets a minute and a half, for a loaded CI machine
        for (int i = 0; i < 3; i++) {
            instances.add(startInstance(i, i == 0 ? firstPort : 0));
        }
        for (Process p : instances) {
            origins.add("http://127.0.0.1:" + awaitListening(p));
        }
        pollers = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() {
        for (Process p : instances) {
            p.destroyForcibly();
        }
        for (Process p : instances) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pollers != null) {
            pollers.shutdownNow();
        }
        if (fake != null) {
            fake.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void twentyRevokedSessionsAreSignedOutOnAllThreeInstancesWithinOneSecondAndNoOther() throws Exception {
        // 10 users with two browsers (one revoked, one kept), 10 with one (revoked), 2 never touched
        List<IssuedSession> revoked = new ArrayList<>();
        List<IssuedSession> kept = new ArrayList<>();
        for (int u = 0; u < 22; u++) {
            FakeUser user = fake.addUser("user" + u + "@three-jvms.test");
            if (u < 20) {
                revoked.add(fake.signIn(user));
            }
            if (u < 10 || u >= 20) {
                kept.add(fake.signIn(user));
            }
        }
        assertThat(fake.webhooksFailed()).as("session.created webhooks the first instance refused").isZero();
        // every instance verifies (and caches) every session before the clock starts
        for (IssuedSession s : concat(revoked, kept)) {
            for (String origin : origins) {
                assertThat(page(origin, s)).as("%s on %s before any revocation", s.sessionId(), origin)
                        .isEqualTo("user=" + s.user().id());
            }
        }

        long[][] millis = new long[3][revoked.size()];
        for (int r = 0; r < revoked.size(); r++) {
            IssuedSession s = revoked.get(r);
            long t0 = System.nanoTime();
            fake.revokeSession(s.sessionId()); // returns once instance 1 answered the webhook
            List<Future<Long>> polls = new ArrayList<>();
            for (String origin : origins) {
                polls.add(pollers.submit(() -> untilSignedOut(origin, s, t0)));
            }
            for (int i = 0; i < 3; i++) {
                millis[i][r] = polls.get(i).get(POLL_DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
            }
        }
        assertThat(fake.webhooksFailed()).as("session.revoked webhooks the first instance refused").isZero();

        StringBuilder figures = new StringBuilder("revocation across 3 JVMs (" + revoked.size()
                + " sessions revoked at FakeWorkOS, webhook to instance 1, revocation list in redis-server):");
        long worst = 0;
        for (int i = 0; i < 3; i++) {
            long[] sorted = millis[i].clone();
            Arrays.sort(sorted);
            worst = Math.max(worst, sorted[sorted.length - 1]);
            figures.append(String.format(" instance %d%s: max %d ms, median %d ms;", i + 1, i == 0 ? " (webhook)" : "",
                    sorted[sorted.length - 1], median(sorted)));
        }
        System.out.println(figures);
        assertThat(worst).as("slowest sign-out after a revocation, ms (%s)", figures).isLessThanOrEqualTo(BOUND.toMillis());

        for (String origin : origins) {
            for (IssuedSession s : kept) {
                assertThat(page(origin, s)).as("untouched session %s of %s on %s", s.sessionId(), s.user().email(), origin)
                        .isEqualTo("user=" + s.user().id());
            }
            for (IssuedSession s : revoked) {
                assertThat(page(origin, s)).as("revoked session %s on %s", s.sessionId(), origin).isEqualTo("user=-");
            }
        }
    }

    /** Polls {@code origin} with the session's cookie until it answers signed out; the milliseconds since {@code t0}. */
    private static long untilSignedOut(String origin, IssuedSession s, long t0) throws Exception {
        long deadline = t0 + POLL_DEADLINE.toNanos();
        while (true) {
            HttpResponse<String> r = get(origin, s);
            long now = System.nanoTime();
            assertThat(r.statusCode()).as("%s on %s", s.sessionId(), origin).isEqualTo(200);
            if (r.body().equals("user=-")) {
                assertThat(r.headers().allValues("Set-Cookie")).as("the signed-out answer deletes the cookie")
                        .anyMatch(h -> h.startsWith("wos-session=") && h.toLowerCase(java.util.Locale.ROOT).contains("max-age=0"));
                return TimeUnit.NANOSECONDS.toMillis(now - t0);
            }
            if (now > deadline) {
                throw new AssertionError("revoked session " + s.sessionId() + " still signed in on " + origin + " after "
                        + POLL_DEADLINE.toMillis() + " ms");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private static String page(String origin, IssuedSession s) throws Exception {
        HttpResponse<String> r = get(origin, s);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static HttpResponse<String> get(String origin, IssuedSession s) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(origin + "/account")).timeout(Duration.ofSeconds(10))
                .header("Cookie", "wos-session=" + COOKIES.computeIfAbsent(s.sessionId(), k -> s.cookieValue(Stampede.PASSWORD)))
                .GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static List<IssuedSession> concat(List<IssuedSession> a, List<IssuedSession> b) {
        List<IssuedSession> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Process startInstance(int index, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        new File("target").mkdirs();
        // C1 only and a small serial heap: quicker to start, lighter on a shared 2-core machine
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx192m",
                "-cp", System.getProperty("java.class.path"), JettyInstanceMain.class.getName(),
                fake.baseUrl(), fake.clientId(), fake.apiKey(), Stampede.PASSWORD, Stampede.REDIRECT, redis.uri(), SECRET,
                Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.to(new File("target/revocation-instance-" + (index + 1) + ".log")))
                .start();
    }

    /** The port the instance printed; then its further output is drained so that it never blocks on a full pipe. */
    private static int awaitListening(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    if (l.startsWith("LISTENING ")) {
                        return Integer.parseInt(l.substring(10).trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("the instance JVM exited before listening; see target/revocation-instance-*.log");
        });
        int listening = port.get(90, TimeUnit.SECONDS);
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // the instance was killed
            }
        }, "instance-stdout");
        drain.setDaemon(true);
        drain.start();
        return listening;
    }
}
