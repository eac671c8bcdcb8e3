package dev.authkit.redis;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.RefreshCoordination;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The one connection behaviour of the session store and the revocation list: connect at start and
 * in the background (3 s connect timeout, a new attempt every second, reconnects after a drop
 * within half a second), fail a command at once while disconnected instead of queueing it, wait at
 * most {@code commandTimeout} for a hanging Redis, and warn at most once a minute (no password in
 * any message). Thread-safe.
 */
final class RedisLink implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    private static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(1);

    private final RedisURI uri;
    private final String redactedUri;
    private final Logger log;
    private final ClientResources resources;
    private final RedisClient client;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong lastWarningNanos = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos() - 1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;

    private RedisLink(RedisURI uri, String redactedUri, Duration commandTimeout, String threadName, Logger log) {
        this.uri = uri;
        this.redactedUri = redactedUri;
        this.log = log;
        this.resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        if (!connect()) {
            scheduler.schedule(this::connectUntilDone, RECONNECT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @param redisUri as {@link RedisRefreshCoordination#create} takes it
     * @throws AuthKitConfigException for a malformed URI (the message hides any password)
     */
    static RedisLink open(String redisUri, Duration commandTimeout, String threadName, Logger log) {
        String redacted = RefreshCoordination.Provider.redact(redisUri);
        RedisURI parsed;
        try {
            parsed = RedisURI.create(redisUri);
        } catch (RuntimeException e) {
            throw new AuthKitConfigException("not a Redis URI: '" + redacted + "' (expected redis://host:port, "
                    + "rediss://... or redis-sentinel://...)");
        }
        parsed.setTimeout(CONNECT_TIMEOUT);
        return new RedisLink(parsed, redacted, commandTimeout, threadName, log);
    }

    /** Checks a command timeout for the builders: positive. */
    static Duration commandTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new AuthKitConfigException("commandTimeout must be a positive duration");
        }
        return timeout;
    }

    boolean isConnected() {
        StatefulRedisConnection<String, String> c = connection;
        return c != null && c.isOpen();
    }

    /** The live connection; throws while disconnected, for the caller to turn into its own failure. */
    StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !c.isOpen()) {
            throw new IllegalStateException("not connected to " + redactedUri);
        }
        return c;
    }

    /** Logs a failure, a warning at most once a minute ({@code consequence} says what users see), else at debug. */
    void failed(String what, RuntimeException e, String consequence) {
        String described = e.getClass().getSimpleName() + ": " + e.getMessage();
        long now = System.nanoTime();
        long last = lastWarningNanos.get();
        if (now - last >= WARNING_INTERVAL.toNanos() && lastWarningNanos.compareAndSet(last, now)) {
            log.warn("{} ({}){}. Next warning in a minute at the earliest.", what, described, consequence);
        } else {
            log.debug("{} ({})", what, described);
        }
    }

    String redactedUri() {
        return redactedUri;
    }

    private boolean connect() {
        if (closed.get()) {
            return true;
        }
        try {
            connection = client.connect(uri);
            return true;
        } catch (RuntimeException e) {
            failed("Cannot connect to Redis at " + redactedUri, e, "");
            return false;
        }
    }

    private void connectUntilDone() {
        if (!connect()) {
            scheduler.schedule(this::connectUntilDone, RECONNECT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        scheduler.shutdownNow();
        StatefulRedisConnection<String, String> c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
