package dev.authkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What someone who can write to the application's Redis (or a bug elsewhere sharing it) may leave
 * there: a result that does not open, a forged "failed" message, a lock that never expires. None
 * of it may sign a user out, answer 503 or hold a refresh: what cannot be opened or verified is a
 * miss, and the session is refreshed.
 */
class RedisJunkTest {
    static final Duration GRACE = Duration.ofSeconds(10);
    static RedisServer redis;
    static FakeWorkOS fake;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        fake = FakeWorkOS.builder().redirectUri(Stampede.REDIRECT).start();
    }

    @AfterAll
    static void stop() {
        if (fake != null) {
            fake.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void reset() {
        fake.reset();
        redis.flushAll();
    }

    RedisRefreshCoordination a;
    RedisRefreshCoordination b;

    @AfterEach
    void close() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aStoredResultThatDoesNotOpenIsAMissAndTheSessionIsRefreshed() {
        a = connected(RedisRefreshCoordination.create(redis.uri()));
        AuthKit app = Stampede.instance(fake, a);
        IssuedSession s = Stampede.signIn(fake, 1).get(0);
        String cookie = s.cookieValue(Stampede.PASSWORD);
        String resultKey = "authkit:refresh:{" + RefreshCoordination.key(s.refreshToken(), null) + "}:result";
        redis.set(resultKey, "Fe26.2**junk**that*does*not*open~2");
        fake.clock().advance(Duration.ofMinutes(6));

        Outcome o = app.handle(new AppRequest("/", cookie));

        assertThat(o).isInstanceOf(Outcome.Continue.class);
        assertThat(((Outcome.Continue) o).auth().isSignedIn()).as("refreshed, not 503 nor signed out").isTrue();
        assertThat(fake.refreshCalls()).isEqualTo(1);
        assertThat(redis.get(resultKey)).as("the junk replaced by the real result").isNotEqualTo("Fe26.2**junk**that*does*not*open~2");
        assertThat(redis.keys("authkit:refresh:*:lock")).isEmpty();
    }

    @Test
    void aForgedFailedMessageDoesNotFailTheWaitersTheyReadTheResult() throws Exception {
        a = connected(RedisRefreshCoordination.builder(redis.uri()).lockTtl(Duration.ofSeconds(60))
                .maxWait(Duration.ofSeconds(90)).build());
        b = connected(RedisRefreshCoordination.builder(redis.uri()).lockTtl(Duration.ofSeconds(60))
                .maxWait(Duration.ofSeconds(90)).build());
        String key = RefreshCoordination.key("refresh-token-forged-message", null);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger exchanges = new AtomicInteger();
        CompletableFuture<Optional<String>> holder = CompletableFuture.supplyAsync(() -> a.refresh(key, GRACE, () -> {
            exchanges.incrementAndGet();
            holding.countDown();
            RedisRefreshCoordinationTest.await(release);
            return Optional.of("sealed-result");
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Optional<String>> waiter = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return b.refresh(key, GRACE, () -> {
                exchanges.incrementAndGet();
                return Optional.of("second-exchange");
            });
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        // forged messages, sent again and again while the waiter waits on the holder
        for (int i = 0; i < 20 && !waiter.isDone(); i++) {
            redis.publish("authkit:refresh:done", key + " " + RedisRefreshCoordination.FAILED);
            RedisServer.sleep(Duration.ofMillis(25));
        }
        assertThat(waiter).as("a forged 'failed' message ends no wait").isNotDone();
        release.countDown();

        assertThat(holder.get(20, TimeUnit.SECONDS)).contains("sealed-result");
        assertThat(waiter.get(20, TimeUnit.SECONDS)).contains("sealed-result");
        assertThat(exchanges).hasValue(1);
    }

    @Test
    void aLockWithoutExpiryIsNotWaitedOn() throws Exception {
        // a short longest wait, so that the old behaviour (waiting it out, then refreshing
        // uncoordinated) ends quickly too: what tells them apart is what Redis holds afterwards
        a = connected(RedisRefreshCoordination.builder(redis.uri()).maxWait(Duration.ofSeconds(2)).build());
        for (String lockState : new String[] {"no expiry", "an expiry of a day"}) {
            String key = RefreshCoordination.key("refresh-token-unbounded-lock-" + lockState, null);
            String lockKey = "authkit:refresh:{" + key + "}:lock";
            String resultKey = "authkit:refresh:{" + key + "}:result";
            redis.set(lockKey, "not-ours");
            if (lockState.equals("an expiry of a day")) {
                redis.expire(lockKey, Duration.ofDays(1));
            }
            AtomicInteger exchanges = new AtomicInteger();

            Optional<String> r = a.refresh(key, GRACE, () -> {
                exchanges.incrementAndGet();
                return Optional.of("sealed-" + exchanges.get());
            });

            assertThat(r).as(lockState).contains("sealed-1");
            assertThat(exchanges).hasValue(1);
            assertThat(redis.get(lockKey)).as("%s: the lock was taken over, then released", lockState).isNull();
            assertThat(redis.get(resultKey)).as("%s: the refresh ran coordinated and stored its result", lockState)
                    .isEqualTo("sealed-1");
        }
    }

    static RedisRefreshCoordination connected(RedisRefreshCoordination c) {
        MultiInstanceRefreshTest.awaitConnected(c);
        return c;
    }
}
