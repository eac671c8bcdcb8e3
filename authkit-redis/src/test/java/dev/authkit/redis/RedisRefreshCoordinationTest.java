package dev.authkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.RefreshCoordination;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two coordinations on one real Redis, driven directly through the SPI. */
class RedisRefreshCoordinationTest {
    static final Duration GRACE = Duration.ofSeconds(10);
    static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aWaiterOnAnotherInstanceIsWokenByTheHoldersMessageNotByTheLockRunningOut() throws Exception {
        // a lock that would keep the waiter for a minute if only its expiry woke it
        try (RedisRefreshCoordination a = RedisRefreshCoordination.builder(redis.uri()).lockTtl(Duration.ofSeconds(60))
                .maxWait(Duration.ofSeconds(90)).build();
             RedisRefreshCoordination b = RedisRefreshCoordination.builder(redis.uri()).lockTtl(Duration.ofSeconds(60))
                     .maxWait(Duration.ofSeconds(90)).build()) {
            MultiInstanceRefreshTest.awaitConnected(a);
            MultiInstanceRefreshTest.awaitConnected(b);
            String key = RefreshCoordination.key("refresh-token-1", null);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger exchanges = new AtomicInteger();
            CompletableFuture<Optional<String>> holder = CompletableFuture.supplyAsync(() -> a.refresh(key, GRACE, () -> {
                exchanges.incrementAndGet();
                holding.countDown();
                await(release);
                return Optional.of("sealed-result");
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Optional<String>> waiter = CompletableFuture.supplyAsync(() -> b.refresh(key, GRACE, () -> {
                exchanges.incrementAndGet();
                return Optional.of("second-exchange");
            }));
            // the waiter is parked on the lock; it must not have exchanged
            assertThat(waiter).isNotDone();
            release.countDown();

            assertThat(holder.get(10, TimeUnit.SECONDS)).contains("sealed-result");
            assertThat(waiter.get(20, TimeUnit.SECONDS)).contains("sealed-result");
            assertThat(exchanges).hasValue(1);
            assertThat(redis.keys("authkit:refresh:*:lock")).isEmpty();
        }
    }

    @Test
    void redisHoldsOnlyTheKeyHashAndTheSealedPayloadAndDropsThemOnItsOwn() {
        try (RedisRefreshCoordination a = RedisRefreshCoordination.create(redis.uri())) {
            MultiInstanceRefreshTest.awaitConnected(a);
            String key = RefreshCoordination.key("refresh-token-3", null);
            assertThat(a.refresh(key, Duration.ofSeconds(5), () -> Optional.of("sealed-3"))).contains("sealed-3");
            String resultKey = "authkit:refresh:{" + key + "}:result";
            assertThat(redis.keys("*refresh-token-3*")).isEmpty();
            assertThat(redis.keys("authkit:refresh:*")).contains(resultKey);
            long ttl = redis.observerTtlMillis(resultKey);
            assertThat(ttl).isPositive().isLessThanOrEqualTo(5000);
        }
    }

    @Test
    void aMalformedUriIsAConfigurationErrorThatDoesNotRepeatThePassword() {
        assertThatThrownBy(() -> RedisRefreshCoordination.create("redis+nonsense://user:s3cret@localhost:6379"))
                .isInstanceOf(AuthKitConfigException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void fromUriFindsThisModuleThroughTheServiceLoader() {
        RefreshCoordination c = RefreshCoordination.fromUri(redis.uri());
        try {
            assertThat(c).isInstanceOf(RedisRefreshCoordination.class);
        } finally {
            ((RedisRefreshCoordination) c).close();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
