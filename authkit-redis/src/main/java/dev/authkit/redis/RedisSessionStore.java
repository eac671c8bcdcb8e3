package dev.authkit.redis;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.core.SessionStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side sessions in Redis: the session cookie holds a sealed reference, the session lives
 * under {@code <prefix><id>} (default prefix {@code authkit:session:}), sealed with the cookie
 * password, expiring with the cookie's max age. Sign-out deletes the entry, so a copied cookie is
 * dead on every instance at once.
 *
 * <pre>{@code
 * RedisSessionStore store = RedisSessionStore.create(System.getenv("AUTHKIT_SESSION_STORE_URI"));
 * AuthKit authKit = AuthKit.builder(AuthKitConfig.fromEnvironment()).sessionStore(store).build();
 * // on shutdown: store.close();
 * }</pre>
 *
 * <p>Connection behaviour, as {@link RedisRefreshCoordination}'s (one Redis can serve both): the
 * same URI forms; connecting at start and in the background (3 s connect timeout, a new attempt
 * every second, reconnects after a drop within half a second); while disconnected a command fails
 * at once instead of queueing; a command of a Redis that hangs waits at most
 * {@code commandTimeout} (default 500 ms); a warning at most once a minute. Every failure is a
 * {@link SessionStore.UnavailableException}: authkit then answers 503 with {@code Retry-After} on
 * protected pages and keeps the cookie, so a Redis outage loses no session.
 *
 * <p>Thread-safe; one per application. Close it on shutdown.
 */
public final class RedisSessionStore implements SessionStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    private static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final RedisURI uri;
    private final String redactedUri;
    private final String prefix;
    private final ClientResources resources;
    private final RedisClient client;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong lastWarningNanos = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos() - 1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;

    private RedisSessionStore(RedisURI uri, String redactedUri, Duration commandTimeout, String prefix) {
        this.uri = uri;
        this.redactedUri = redactedUri;
        this.prefix = prefix;
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
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
            Thread t = new Thread(r, "authkit-redis-sessions");
            t.setDaemon(true);
            return t;
        });
        if (!connect()) {
            scheduler.schedule(this::connectUntilDone, RECONNECT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A store with the default options.
     *
     * @param redisUri {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://} for
     *                 TLS, or {@code redis-sentinel://}, as {@link RedisRefreshCoordination#create}
     * @throws AuthKitConfigException for a malformed URI (the message hides any password)
     */
    public static RedisSessionStore create(String redisUri) {
        return builder(redisUri).build();
    }

    public static Builder builder(String redisUri) {
        return new Builder(redisUri);
    }

    /** Whether the connection to Redis is up now. */
    public boolean isConnected() {
        StatefulRedisConnection<String, String> c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public Optional<String> load(String id) {
        try {
            return Optional.ofNullable(open().sync().get(prefix + id));
        } catch (RuntimeException e) {
            throw unavailable("Redis could not load a session", e);
        }
    }

    @Override
    public void save(String id, String sealedSession, Duration ttl) {
        try {
            long millis = Math.max(ttl.toMillis(), 1000);
            open().sync().set(prefix + id, sealedSession, SetArgs.Builder.px(millis));
        } catch (RuntimeException e) {
            throw unavailable("Redis could not save a session", e);
        }
    }

    @Override
    public void delete(String id) {
        try {
            open().sync().del(prefix + id);
        } catch (RuntimeException e) {
            throw unavailable("Redis could not delete a session", e);
        }
    }

    private StatefulRedisConnection<String, String> open() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !c.isOpen()) {
            throw new IllegalStateException("not connected to " + redactedUri);
        }
        return c;
    }

    private SessionStore.UnavailableException unavailable(String what, RuntimeException e) {
        String described = e.getClass().getSimpleName() + ": " + e.getMessage();
        long now = System.nanoTime();
        long last = lastWarningNanos.get();
        if (now - last >= WARNING_INTERVAL.toNanos() && lastWarningNanos.compareAndSet(last, now)) {
            LOG.warn("{} ({}); protected pages answer 503 until it is back, sessions are kept. Next warning in a minute "
                    + "at the earliest.", what, described);
        } else {
            LOG.debug("{} ({})", what, described);
        }
        return new SessionStore.UnavailableException(what, e);
    }

    private boolean connect() {
        if (closed.get()) {
            return true;
        }
        try {
            connection = client.connect(uri);
            return true;
        } catch (RuntimeException e) {
            unavailable("Cannot connect to Redis at " + redactedUri, e);
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

    @Override
    public String toString() {
        return "RedisSessionStore{" + redactedUri + (isConnected() ? ", connected}" : ", not connected}");
    }

    /** Options of a {@link RedisSessionStore}; defaults as documented on each. */
    public static final class Builder {
        private final String uri;
        private Duration commandTimeout = Duration.ofMillis(500);
        private String prefix = "authkit:session:";

        private Builder(String uri) {
            this.uri = Objects.requireNonNull(uri, "redisUri");
        }

        /** The longest a request waits for one Redis command. Default 500 ms. */
        public Builder commandTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new AuthKitConfigException("commandTimeout must be a positive duration");
            }
            this.commandTimeout = timeout;
            return this;
        }

        /**
         * Prefix of the keys. Default {@code authkit:session:}; give applications that share a Redis
         * but not a cookie password different prefixes.
         */
        public Builder keyPrefix(String prefix) {
            if (prefix == null || prefix.isEmpty()) {
                throw new AuthKitConfigException("keyPrefix must be non-empty text");
            }
            this.prefix = prefix;
            return this;
        }

        /** @throws AuthKitConfigException for a malformed URI */
        public RedisSessionStore build() {
            String redacted = RefreshCoordination.Provider.redact(uri);
            RedisURI parsed;
            try {
                parsed = RedisURI.create(uri);
            } catch (RuntimeException e) {
                throw new AuthKitConfigException("not a Redis URI: '" + redacted + "' (expected redis://host:port, "
                        + "rediss://... or redis-sentinel://...)");
            }
            parsed.setTimeout(CONNECT_TIMEOUT);
            return new RedisSessionStore(parsed, redacted, commandTimeout, prefix);
        }
    }
}
