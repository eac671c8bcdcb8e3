package dev.authkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.FakeClock;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The instance holding a refresh lock dies in the middle of its WorkOS call (its JVM is killed):
 * the other instances wait for the lock's TTL, one of them takes it over and refreshes, and the
 * session survives, since WorkOS never completed the dead instance's exchange.
 */
class LockHolderDiesTest {
    static final Duration LOCK_TTL = Duration.ofSeconds(3);

    @Test
    void theOthersProceedAfterTheLockTtlAndTheSessionSurvives() throws Exception {
        // sessions signed in ten minutes ago by the fake's clock are stale for the instance JVM's real clock
        FakeClock clock = new FakeClock(Instant.now().minus(Duration.ofMinutes(10)));
        try (RedisServer redis = RedisServer.start();
             FakeWorkOS fake = FakeWorkOS.builder().clock(clock).redirectUri(Stampede.REDIRECT).start()) {
            IssuedSession session = fake.signIn(fake.addUser("holder@stampede.test"));
            clock.set(Instant.now());
            String cookie = session.cookieValue(Stampede.PASSWORD);
            // the lock holder's call reaches WorkOS and hangs there, unanswered, past the holder's death
            fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.delayed(Duration.ofSeconds(8), Failure.dropConnection()));

            redis.keys("*"); // open the test's own connection now, so that it sees the lock in time
            List<RedisRefreshCoordination> coordinations = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            Process holder = startInstance(fake, redis);
            try {
                List<AuthKit> others = new ArrayList<>();
                List<String> refreshErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
                for (int i = 0; i < 2; i++) {
                    // a long wait bound (under the core's 15 s): under test is the lock running out, not giving up
                    RedisRefreshCoordination c = RedisRefreshCoordination.builder(redis.uri()).lockTtl(LOCK_TTL)
                            .maxWait(Duration.ofSeconds(12)).build();
                    coordinations.add(c);
                    MultiInstanceRefreshTest.awaitConnected(c);
                    others.add(AuthKit.builder(Stampede.config(fake)).refreshCoordination(c)
                            .onSessionRefreshError(e -> refreshErrors.add(e.reason())).build());
                }
                BufferedReader holderOut = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                        StandardCharsets.UTF_8));
                int port = Integer.parseInt(awaitLine(holderOut, "LISTENING ").substring(10).trim());
                HttpClient http = HttpClient.newHttpClient();
                CompletableFuture<HttpResponse<String>> holderRequest = http.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .header("Cookie", "wos-session=" + cookie).build(), HttpResponse.BodyHandlers.ofString());
                awaitLine(holderOut, "EXCHANGING");
                assertThat(redis.keys("authkit:refresh:*:lock")).hasSize(1);
                // give its request the moment it needs to reach WorkOS (it then hangs there for 8 s)
                RedisServer.sleep(Duration.ofMillis(1500));

                List<Future<Outcome>> requests = new ArrayList<>();
                for (int r = 0; r < 6; r++) {
                    AuthKit instance = others.get(r % 2);
                    requests.add(pool.submit(() -> instance.handle(new AppRequest("/", cookie))));
                }
                // the others are waiting on the lock; now the holder dies mid-call
                holder.destroyForcibly();
                assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(holderRequest).failsWithin(Duration.ofSeconds(10));
                long killedAt = System.nanoTime();

                Set<String> refreshTokens = new HashSet<>();
                for (Future<Outcome> f : requests) {
                    Outcome o = f.get(20, TimeUnit.SECONDS);
                    assertThat(o).isInstanceOf(Outcome.Continue.class);
                    assertThat(((Outcome.Continue) o).auth().isSignedIn()).as("signed in; refresh errors: %s; WorkOS saw %s", refreshErrors,
                            fake.requests().stream().map(r -> r.path() + " " + r.status() + " at " + r.receivedAt()
                                    + " " + r.bodyField("refresh_token").map(t -> t.equals(session.refreshToken()) ? "old" : "other")
                                    .orElse("")).toList())
                            .isTrue();
                    for (SetCookie c : o.cookies()) {
                        assertThat(c.isDeletion()).isFalse();
                        CookieSealer.iron(Stampede.PASSWORD).unsealSession(c.value())
                                .ifPresent(s -> refreshTokens.add(s.refreshToken()));
                    }
                }
                long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                assertThat(refreshTokens).as("one new session, shared by all six requests").hasSize(1);
                long completed = fake.requests(Endpoint.AUTHENTICATE).stream().filter(r -> r.status() == 200).count();
                assertThat(completed).as("refreshes WorkOS completed").isEqualTo(1);
                // the dead holder's call did reach WorkOS (it is journaled when its 8 s are up)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (fake.requests(Endpoint.AUTHENTICATE).size() < 2 && System.nanoTime() < deadline) {
                    RedisServer.sleep(Duration.ofMillis(50));
                }
                assertThat(fake.requests(Endpoint.AUTHENTICATE)).extracting(r -> r.status()).containsExactlyInAnyOrder(200, 0);
                System.out.println("lock holder killed mid-refresh: 6 of 6 requests on the other instances signed in "
                        + "about " + waitedMillis + " ms after the kill (lock TTL " + LOCK_TTL.toMillis() + " ms), "
                        + "1 completed WorkOS refresh, 0 sessions lost");
            } finally {
                pool.shutdownNow();
                holder.destroyForcibly();
                for (RedisRefreshCoordination c : coordinations) {
                    c.close();
                }
            }
        }
    }

    private static Process startInstance(FakeWorkOS fake, RedisServer redis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), InstanceMain.class.getName(),
                fake.baseUrl(), fake.clientId(), fake.apiKey(), Stampede.PASSWORD, Stampede.REDIRECT, redis.uri(),
                Long.toString(LOCK_TTL.toMillis()))
                .redirectError(ProcessBuilder.Redirect.appendTo(new java.io.File("target/instance-jvm.log")))
                .start();
    }

    private static String awaitLine(BufferedReader out, String prefix) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    if (l.startsWith(prefix)) {
                        return l;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("the instance JVM exited before printing " + prefix);
        });
        return line.get(90, TimeUnit.SECONDS);
    }
}
