package dev.authkit.redis;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.RefreshCoordination;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.connection.DisconnectedEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import reactor.core.Disposable;

/**
 * The one connection behaviour of the refresh coordination, the session store and the revocation
 * list: connect at start and
 * in the background (3 s connect timeout, a new attempt every second, reconnects after a drop
 * within half a second), fail a command at once while disconnected instead of queueing it, wait at
 * most {@code commandTimeout} for a hanging Redis, and warn at most once a minute (no password in
 * any message). With a {@link Subscription} a second, pub/sub connection listens on one channel
 * and the link counts as connected only while both are up. Thread-safe.
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
    private final Subscription subscription;
    private final Disposable disconnects;
    private final AtomicLong lastWarningNanos = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos() - 1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;

    /**
     * A channel to listen on: every message goes to {@code onMessage} (on a Lettuce thread), and
     * {@code onDisconnect} runs whenever a connection drops, so that waiters need not wait out
     * their timeouts.
     */
    record Subscription(String channel, Consumer<String> onMessage, Runnable onDisconnect) {
    }

    private RedisLink(RedisURI uri, String redactedUri, Duration commandTimeout, String threadName, Logger log,
                      Subscription subscription) {
        this.uri = uri;
        this.subscription = subscription;
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
        this.disconnects = subscription == null ? null : resources.eventBus().get()
                .filter(DisconnectedEvent.class::isInstance)
                .subscribe(e -> subscription.onDisconnect().run());
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
        return open(redisUri, commandTimeout, threadName, log, null);
    }

    /** As {@link #open(String, Duration, String, Logger)}, listening on a channel when {@code subscription} is given. */
    static RedisLink open(String redisUri, Duration commandTimeout, String threadName, Logger log,
                          Subscription subscription) {
        String redacted = RefreshCoordination.Provider.redact(redisUri);
        RedisURI parsed;
        try {
            parsed = RedisURI.create(redisUri);
        } catch (RuntimeException e) {
            throw new AuthKitConfigException("not a Redis URI: '" + redacted + "' (expected redis://host:port, "
                    + "rediss://... or redis-sentinel://...)");
        }
        parsed.setTimeout(CONNECT_TIMEOUT);
        return new RedisLink(parsed, redacted, commandTimeout, threadName, log, subscription);
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
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        return c != null && c.isOpen() && (subscription == null || p != null && p.isOpen());
    }

    /** The live connection; throws while disconnected, for the caller to turn into its own failure. */
    StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !c.isOpen()) {
            throw new IllegalStateException("not connected to " + redactedUri);
        }
        return c;
    }

    /**
     * Runs {@code task} every {@code period} on this link's thread until the returned future is
     * cancelled; empty once the link is closed.
     */
    Optional<ScheduledFuture<?>> every(Duration period, Runnable task) {
        try {
            long millis = Math.max(period.toMillis(), 1);
            return Optional.of(scheduler.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            return Optional.empty();
        }
    }

    /**
     * Logs a failure, a warning at most once a minute ({@code consequence} says what users see),
     * else at debug. {@code e} may be null.
     */
    void failed(String what, Throwable e, String consequence) {
        String described = describe(e);
        long now = System.nanoTime();
        long last = lastWarningNanos.get();
        if (now - last >= WARNING_INTERVAL.toNanos() && lastWarningNanos.compareAndSet(last, now)) {
            log.warn("{} ({}){}. Next warning in a minute at the earliest.", what, described, consequence);
        } else {
            log.debug("{} ({})", what, described);
        }
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no cause";
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return e.getCause() == null || e.getCause() == e ? text : text + ", caused by " + describe(e.getCause());
    }

    String redactedUri() {
        return redactedUri;
    }

    private boolean connect() {
        if (closed.get()) {
            return true;
        }
        StatefulRedisConnection<String, String> c = null;
        StatefulRedisPubSubConnection<String, String> p = null;
        try {
            c = client.connect(uri);
            if (subscription != null) {
                p = client.connectPubSub(uri);
                p.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        subscription.onMessage().accept(message);
                    }
                });
                p.sync().subscribe(subscription.channel());
                pubSub = p;
            }
            connection = c;
            return true;
        } catch (RuntimeException e) {
            if (c != null) {
                c.closeAsync();
            }
            if (p != null) {
                p.closeAsync();
            }
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
        if (disconnects != null) {
            disconnects.dispose();
            subscription.onDisconnect().run();
        }
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        StatefulRedisConnection<String, String> c = connection;
        connection = null;
        pubSub = null;
        if (p != null) {
            p.close();
        }
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
