package dev.authkit.redis;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.RefreshCoordination;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordinates session refreshes across the instances of an application through Redis, so that a
 * page whose parallel requests a load balancer spreads over several instances still makes one
 * call to WorkOS and keeps its session.
 *
 * <pre>{@code
 * RedisRefreshCoordination redis = RedisRefreshCoordination.create(System.getenv("AUTHKIT_REDIS_URI"));
 * AuthKit authKit = AuthKit.builder(AuthKitConfig.fromEnvironment()).refreshCoordination(redis).build();
 * // on shutdown: redis.close();
 * }</pre>
 *
 * <p>How one refresh goes: concurrent requests of this instance first share one attempt (the
 * core's in-process single flight, which also answers repeat requests from its grace cache
 * without asking Redis). That attempt then, in one Lua script, returns a result another instance
 * stored, or takes the lock {@code <prefix>{<key>}:lock} ({@code SET NX PX lockTtl}). The lock
 * holder calls WorkOS, stores the sealed result under {@code <prefix>{<key>}:result} for the
 * grace period, publishes the key on {@code <prefix>done} and releases its lock. The other
 * instances wait for that message (pub/sub, no polling), read the result, and are done. While the
 * holder is alive it renews its lock every third of the TTL, so a slow WorkOS call is never
 * duplicated; when the holder vanishes (its process died) the lock runs out within
 * {@code lockTtl} and a waiter takes it over.
 *
 * <p>What Redis holds: hashes and sealed payloads only. The key is a SHA-256 of the refresh token
 * and organization; the result is sealed with the cookie password, and is not a usable session
 * cookie. Both expire on their own (lock: {@code lockTtl}; result: the grace period).
 *
 * <p>When Redis is down, slow or unreachable, refreshes go on without it (the in-process single
 * flight still holds within each instance): while the connection is down no command is even
 * tried, a command of a Redis that hangs waits at most {@code commandTimeout} (and a refresh sends
 * no further command after one failed), waiters are released as soon as the connection drops,
 * and a warning is logged at most once a minute. Redis is touched only on the refresh path,
 * never for a request whose access token is still fresh.
 *
 * <p>Thread-safe; one per application, shared by all requests. Close it on shutdown.
 */
public final class RedisRefreshCoordination implements RefreshCoordination, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRefreshCoordination.class);
    /** A result is kept at least this long, so waiters read it even with a zero grace period. */
    private static final Duration MIN_RESULT_TTL = Duration.ofSeconds(1);

    /**
     * Returns {'result', payload}, {'lock'} or {'wait', pttl of the lock}. A lock without an expiry,
     * or with more than twice the lock TTL left, was not set by a coordination (which always sets
     * and renews it to {@code lockTtl}): it is taken over instead of waited on.
     */
    private static final String ACQUIRE = """
            local r = redis.call('GET', KEYS[1])
            if r then return {'result', r} end
            if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'lock'} end
            local ttl = redis.call('PTTL', KEYS[2])
            if ttl < 0 or ttl > 2 * tonumber(ARGV[2]) then
              redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
              return {'lock'}
            end
            return {'wait', tostring(ttl)}
            """;
    /** Deletes a stored result that did not open, unless it was replaced meanwhile. */
    private static final String DISCARD = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;
    /** Stores the result (when given), tells the waiters, and releases the lock if still ours. */
    private static final String FINISH = """
            if ARGV[2] ~= '' and tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
            redis.call('PUBLISH', ARGV[4], ARGV[5])
            if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
            return 1
            """;
    /** Extends the lock while its holder is alive and still exchanging. */
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """;
    static final String OK = "ok";
    static final String FAILED = "failed";

    private final Settings settings;
    private final RefreshCoordination local;
    private final Map<String, CompletableFuture<String>> waiters = new ConcurrentHashMap<>();
    private final RedisLink link;

    private RedisRefreshCoordination(Settings settings) {
        this.settings = settings;
        this.local = RefreshCoordination.inProcess(Clock.systemUTC());
        this.link = RedisLink.open(settings.uri(), settings.commandTimeout(), "authkit-redis", LOG,
                new RedisLink.Subscription(settings.prefix() + "done", this::onMessage, this::releaseWaiters));
    }

    /**
     * A coordination with the default settings (see {@link Builder}). Does not fail when Redis is
     * unreachable: it connects in the background and refreshes go on without Redis until then.
     *
     * @param redisUri {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://}
     *                 for TLS, or {@code redis-sentinel://[password@]host[:port][,host2[:port2]][/database]#masterId}
     * @throws AuthKitConfigException for a malformed URI (the message never repeats the password)
     */
    public static RedisRefreshCoordination create(String redisUri) {
        return builder(redisUri).build();
    }

    /** A builder for non-default settings; see {@link Builder} for the defaults. */
    public static Builder builder(String redisUri) {
        return new Builder(redisUri);
    }

    /** True while both connections to Redis are up (for health checks). */
    public boolean isConnected() {
        return link.isConnected();
    }

    /** Without a check of stored results: whatever another instance stored is handed out. */
    @Override
    public Optional<String> refresh(String key, Duration gracePeriod, Supplier<Optional<String>> exchange) {
        return refresh(key, gracePeriod, exchange, payload -> true);
    }

    /**
     * A stored result that does not open ({@code opens} false: junk or a forgery written into Redis,
     * or an instance with another cookie password) is deleted and the session refreshed, coordinated,
     * as if nothing were stored. Waiters never trust the message on the done channel (anyone who can
     * publish there could send one): it only wakes them to look at the stored result again, and a
     * failed refresh leaves none, so they refresh themselves.
     */
    @Override
    public Optional<String> refresh(String key, Duration gracePeriod, Supplier<Optional<String>> exchange,
                                    Predicate<String> opens) {
        Objects.requireNonNull(opens, "opens");
        return local.refresh(key, gracePeriod, () -> acrossInstances(key, gracePeriod, exchange, opens));
    }

    /** Runs with this instance's single flight held: at most one thread per key gets here. */
    private Optional<String> acrossInstances(String key, Duration gracePeriod, Supplier<Optional<String>> exchange,
                                             Predicate<String> opens) {
        StatefulRedisConnection<String, String> connection;
        try {
            connection = link.connection();
        } catch (IllegalStateException e) {
            warn("Redis is not connected", null);
            return exchange.get();
        }
        RedisCommands<String, String> redis = connection.sync();
        String resultKey = settings.prefix() + "{" + key + "}:result";
        String lockKey = settings.prefix() + "{" + key + "}:lock";
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        String lockToken = UUID.randomUUID().toString();
        boolean locked = false;
        while (!locked) {
            CompletableFuture<String> done = new CompletableFuture<>();
            waiters.put(key, done); // before asking, so a message sent in between is not missed
            try {
                List<Object> reply = redis.eval(ACQUIRE, ScriptOutputType.MULTI, new String[] {resultKey, lockKey},
                        lockToken, Long.toString(settings.lockTtl().toMillis()));
                String verdict = (String) reply.get(0);
                if (verdict.equals("result")) {
                    String stored = (String) reply.get(1);
                    if (opens.test(stored)) {
                        return Optional.of(stored);
                    }
                    LOG.warn("A refresh result stored in Redis does not open with this cookie password (junk, a forgery, "
                            + "or an instance with another WORKOS_COOKIE_PASSWORD under the same key prefix); discarded");
                    redis.eval(DISCARD, ScriptOutputType.INTEGER, new String[] {resultKey}, stored);
                    continue; // ask again: take the lock and refresh
                }
                if (verdict.equals("lock")) {
                    locked = true;
                    continue; // exchange outside this try: its own failures are not Redis failures
                }
                long lockLeftMillis = Math.max(Long.parseLong((String) reply.get(1)), 0);
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    LOG.info("Gave up waiting for another instance to refresh a session after {} ms; refreshing here",
                            settings.maxWait().toMillis());
                    return exchange.get();
                }
                // wake on the holder's message, or when its lock runs out (the holder died) to take it over
                long waitNanos = Math.min(leftNanos, TimeUnit.MILLISECONDS.toNanos(lockLeftMillis + 20));
                done.get(waitNanos, TimeUnit.NANOSECONDS);
                // whatever the message says, the next ACQUIRE decides: a stored result that opens, or
                // none (the holder failed, or the message was forged) and the lock to refresh here
            } catch (TimeoutException e) {
                // the lock ran out or the wait is over: ask again
            } catch (ExecutionException e) {
                // the connection dropped while waiting
                warn("Redis connection lost while waiting for another instance's refresh", e.getCause());
                return exchange.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (RuntimeException e) {
                warn("Redis failed during a session refresh", e);
                return exchange.get();
            } finally {
                waiters.remove(key, done);
            }
        }
        return exchangeHoldingLock(connection, key, resultKey, lockKey, lockToken, gracePeriod, exchange);
    }

    private Optional<String> exchangeHoldingLock(StatefulRedisConnection<String, String> connection, String key,
                                                 String resultKey, String lockKey, String lockToken,
                                                 Duration gracePeriod, Supplier<Optional<String>> exchange) {
        // a live holder keeps its lock however slow WorkOS is; a dead one loses it within lockTtl
        // (closed meanwhile: no renewal, the lock simply lives its TTL)
        String ttlMillis = Long.toString(settings.lockTtl().toMillis());
        Optional<ScheduledFuture<?>> renewal = link.every(settings.lockTtl().dividedBy(3), () -> {
            if (connection.isOpen()) {
                connection.async().eval(RENEW, ScriptOutputType.INTEGER, new String[] {lockKey}, lockToken, ttlMillis);
            }
        });
        Optional<String> result;
        try {
            result = exchange.get();
        } finally {
            renewal.ifPresent(r -> r.cancel(false));
        }
        try {
            connection.sync().eval(FINISH, ScriptOutputType.INTEGER, new String[] {resultKey, lockKey}, lockToken,
                    result.orElse(""), Long.toString(Math.max(gracePeriod.toMillis(), MIN_RESULT_TTL.toMillis())),
                    settings.prefix() + "done",
                    key + " " + (result.isPresent() ? OK : FAILED));
        } catch (RuntimeException e) {
            // the waiters on other instances time out or see the connection drop; nothing lost here
            warn("Redis failed storing a refreshed session", e);
        }
        return result;
    }

    private void onMessage(String message) {
        int space = message.indexOf(' ');
        if (space <= 0) {
            return;
        }
        CompletableFuture<String> waiter = waiters.get(message.substring(0, space));
        if (waiter != null) {
            waiter.complete(message.substring(space + 1));
        }
    }

    private void releaseWaiters() {
        IllegalStateException gone = new IllegalStateException("Redis connection lost");
        waiters.values().forEach(w -> w.completeExceptionally(gone));
    }

    private void warn(String what, Throwable e) {
        link.failed(what, e, "; refreshing with this instance's single flight only");
    }

    /** Closes the connections and threads; refreshes then go on in-process only. Idempotent. */
    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "RedisRefreshCoordination{" + link.redactedUri() + (isConnected() ? ", connected}" : ", not connected}");
    }

    private record Settings(String uri, Duration commandTimeout, Duration lockTtl, Duration maxWait, String prefix) {
    }

    /**
     * Settings of a {@link RedisRefreshCoordination}. Defaults: 500 ms command timeout, 5 s lock
     * TTL, 7 s longest wait, key prefix {@code authkit:refresh:}.
     */
    public static final class Builder {
        private final String uri;
        private Duration commandTimeout = Duration.ofMillis(500);
        private Duration lockTtl = Duration.ofSeconds(5);
        private Duration maxWait = Duration.ofSeconds(7);
        private String prefix = "authkit:refresh:";

        private Builder(String uri) {
            this.uri = Objects.requireNonNull(uri, "redisUri");
        }

        /**
         * How long one Redis command may take before the refresh goes on without Redis. Default
         * 500 ms: Redis answers in well under a millisecond when healthy, but a busy JVM can keep
         * the client's I/O thread from reading the answer for a while, and a needless fallback
         * risks the very double refresh this class prevents. A Redis that is down costs nothing
         * (no command is tried while disconnected); one that hangs costs a refresh at most this.
         * Connecting may take up to 3 s, at start and then in the background.
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = RedisLink.commandTimeout(timeout);
            return this;
        }

        /**
         * How long a refresh lock lives unless its holder renews it (which a live holder does
         * every third of this while its WorkOS call runs). Default 5 s: when the holder dies (its
         * process is killed mid-refresh) the other instances take over after at most this long.
         * Give every instance the same value: a lock found with more than twice this left (or with
         * no expiry at all) is taken as not set by a coordination and taken over.
         */
        public Builder lockTtl(Duration ttl) {
            this.lockTtl = positive(ttl, "lockTtl");
            return this;
        }

        /**
         * The longest a request waits for another instance's refresh before refreshing itself
         * (uncoordinated, so only when the holder hangs). Default 7 s: beyond {@link #lockTtl}, so
         * when a holder dies its lock runs out and one waiter takes over, coordinated, before
         * anyone gives up.
         */
        public Builder maxWait(Duration wait) {
            this.maxWait = positive(wait, "maxWait");
            return this;
        }

        /**
         * Prefix of the keys and the channel. Default {@code authkit:refresh:}; give applications
         * that share a Redis but not a cookie password different prefixes.
         */
        public Builder keyPrefix(String prefix) {
            if (prefix == null || prefix.isEmpty() || prefix.contains("{") || prefix.contains("}")) {
                throw new AuthKitConfigException("keyPrefix must be non-empty text without { or }");
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * @throws AuthKitConfigException for a malformed URI
         */
        public RedisRefreshCoordination build() {
            return new RedisRefreshCoordination(new Settings(uri, commandTimeout, lockTtl, maxWait, prefix));
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new AuthKitConfigException(name + " must be a positive duration");
            }
            return d;
        }
    }
}
