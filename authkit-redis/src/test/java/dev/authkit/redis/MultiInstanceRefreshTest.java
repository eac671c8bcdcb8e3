package dev.authkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three application instances (three {@code AuthKit} objects, each with its own coordination and
 * Redis connections, as three JVMs would have) behind a round-robin load balancer, one real Redis,
 * one FakeWorkOS whose refresh tokens are single-use like WorkOS's.
 */
class MultiInstanceRefreshTest {
    static final int SESSIONS = 40;
    static final int REQUESTS_PER_SESSION = 6;
    static final Duration WORKOS_LATENCY = Duration.ofMillis(100);
    /**
     * Longer than the 500 ms default: this machine is shared, and a spurious timeout would be a
     * real fallback (and a possible loss) that says nothing about the coordination.
     */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    static RedisServer redis;
    static FakeWorkOS fake;
    final List<AutoCloseable> toClose = new ArrayList<>();

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
        if (redis.isRunning()) {
            redis.flushAll();
        }
    }

    @AfterEach
    void closeCoordinations() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    RedisRefreshCoordination redisCoordination() {
        RedisRefreshCoordination c = RedisRefreshCoordination.builder(redis.uri()).commandTimeout(COMMAND_TIMEOUT)
                .lockTtl(Duration.ofSeconds(2)).build();
        toClose.add(c);
        awaitConnected(c);
        return c;
    }

    static void awaitConnected(RedisRefreshCoordination c) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.isConnected() && System.nanoTime() < deadline) {
            RedisServer.sleep(Duration.ofMillis(20));
        }
        assertThat(c.isConnected()).as("connected to Redis within 10 s").isTrue();
    }

    List<AuthKit> instancesWithRedis() {
        List<AuthKit> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(Stampede.instance(fake, redisCoordination()));
        }
        return out;
    }

    @Test
    void fortyStaleSessionsSixRequestsEachOverThreeInstancesKeepEverySessionWithOneRefreshEach() throws Exception {
        List<AuthKit> instances = instancesWithRedis();
        List<IssuedSession> sessions = Stampede.signIn(fake, SESSIONS);
        Stampede.warmUp(instances, sessions.get(0));

        Stampede.Result r = Stampede.run(fake, instances, sessions, REQUESTS_PER_SESSION, WORKOS_LATENCY, () -> { });

        System.out.println("3 instances with Redis coordination: " + r);
        assertThat(r.serverErrors()).isZero();
        assertThat(r.lost()).isZero();
        assertThat(r.refreshCalls()).isEqualTo(SESSIONS);
        assertThat(r.maxCallsPerSession()).isEqualTo(1);
        assertThat(redis.keys("authkit:refresh:*:lock")).as("every lock released").isEmpty();
        assertThat(redis.keys("authkit:refresh:*:result")).as("results kept for the grace period").hasSize(SESSIONS);
    }

    @Test
    void theSameRunWithoutCoordinationAcrossInstancesLosesSessions() throws Exception {
        List<AuthKit> instances = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            instances.add(Stampede.instance(fake, RefreshCoordination.inProcess(fake.clock())));
        }
        List<IssuedSession> sessions = Stampede.signIn(fake, SESSIONS);
        Stampede.warmUp(instances, sessions.get(0));

        Stampede.Result r = Stampede.run(fake, instances, sessions, REQUESTS_PER_SESSION, WORKOS_LATENCY, () -> { });

        System.out.println("3 instances, in-process coordination only: " + r);
        // each instance refreshes each session once; WorkOS honours the first and rejects the rest
        assertThat(r.lost()).isEqualTo(SESSIONS);
        assertThat(r.refreshCalls()).isGreaterThan(SESSIONS);
    }

    @Test
    void redisKilledMidRunFailsNoRequestAndCoordinationResumesWhenItIsBack() throws Exception {
        List<AuthKit> instances = instancesWithRedis();
        List<IssuedSession> during = Stampede.signIn(fake, 20);
        List<IssuedSession> down = Stampede.signIn(fake, 10);
        List<IssuedSession> after = Stampede.signIn(fake, 20);
        Stampede.warmUp(instances, during.get(0));
        // counts and order only, never wall-clock time (the machine is shared): the run's slowest
        // request is printed for the reader, not asserted

        long before = fake.refreshCalls();
        Stampede.Result killed = Stampede.run(fake, instances, during, REQUESTS_PER_SESSION, WORKOS_LATENCY, () -> {
            // kill it once a few refreshes went through, while others are in flight
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (fake.refreshCalls() < before + 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            redis.kill();
        });
        System.out.println("Redis killed mid-run: " + killed);
        assertThat(killed.serverErrors()).isZero();
        assertThat(killed.requests()).isEqualTo(during.size() * REQUESTS_PER_SESSION);
        // every request answered, each with one WorkOS call at most
        assertThat(killed.maxCallsPerSession()).isLessThanOrEqualTo(REQUESTS_PER_SESSION);

        Stampede.Result withoutRedis = Stampede.run(fake, instances, down, REQUESTS_PER_SESSION, WORKOS_LATENCY, () -> { });
        System.out.println("Redis down: " + withoutRedis);
        assertThat(withoutRedis.serverErrors()).isZero();
        assertThat(withoutRedis.requests()).isEqualTo(down.size() * REQUESTS_PER_SESSION);
        assertThat(withoutRedis.refreshCalls()).isBetween((long) down.size(), (long) withoutRedis.requests());
        assertThat(toClose).as("the runs above went on without Redis")
                .allSatisfy(c -> assertThat(((RedisRefreshCoordination) c).isConnected()).isFalse());

        redis.restart();
        toClose.forEach(c -> awaitConnected((RedisRefreshCoordination) c));

        Stampede.Result resumed = Stampede.run(fake, instances, after, REQUESTS_PER_SESSION, WORKOS_LATENCY, () -> { });
        System.out.println("Redis back: " + resumed);
        assertThat(resumed.serverErrors()).isZero();
        assertThat(resumed.lost()).isZero();
        assertThat(resumed.maxCallsPerSession()).isEqualTo(1);
    }

    @Test
    void aRequestWithAFreshTokenSendsNoCommandToRedis() throws Exception {
        List<AuthKit> instances = instancesWithRedis();
        List<IssuedSession> sessions = Stampede.signIn(fake, 10);
        Stampede.warmUp(instances, sessions.get(0));

        long before = redis.commandsServed();
        for (IssuedSession s : sessions) {
            Stampede.warmUp(instances, s);
        }
        assertThat(redis.commandsServed() - before).as("Redis commands for 30 fresh-token requests").isZero();

        // the same count sees the refresh path, so the zero above means something
        Stampede.Result r = Stampede.run(fake, instances, sessions.subList(0, 1), 1, Duration.ZERO, () -> { });
        assertThat(r.lost()).isZero();
        assertThat(redis.commandsServed() - before).isPositive();
    }
}
