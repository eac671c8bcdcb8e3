package dev.authkit.redis;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.core.RevocationList;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocation list shared by every application instance through Redis: a revoked session is a
 * key {@code <prefix><session id>} (default prefix {@code authkit:revoked:}) that expires when its
 * entry may be forgotten, so Redis holds only what can still matter. A revocation on one instance
 * (a webhook, sign out everywhere) is seen by every other at its next request: each check is one
 * {@code EXISTS}.
 *
 * <pre>{@code
 * RedisRevocationList revoked = RedisRevocationList.create(System.getenv("AUTHKIT_REDIS_URI"));
 * AuthKit authKit = AuthKit.builder(AuthKitConfig.fromEnvironment()).revocationList(revoked).build();
 * // on shutdown: revoked.close();
 * }</pre>
 *
 * <p>Connection behaviour as {@link RedisSessionStore}'s (one Redis can serve all three): the same
 * URI forms, connecting in the background, a command waits at most {@code commandTimeout} (default
 * 500 ms), a warning at most once a minute. While Redis cannot be reached a check fails and authkit
 * lets the session go on (it is logged); a revocation fails, and the webhook is answered 503 so
 * WorkOS delivers it again. Thread-safe; one per application. Close it on shutdown.
 */
public final class RedisRevocationList implements RevocationList, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRevocationList.class);
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    private static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final RedisURI uri;
    private final String redactedUri;
    private final String prefix;
    private final Clock clock;
    private final ClientResources resources;
    private final RedisClient client;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong lastWarningNanos = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos() - 1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile StatefulRedisConnection<String, String> connection;

    private RedisRevocationList(RedisURI uri, String redactedUri, Duration commandTimeout, String prefix, Clock clock) {
        this.uri = uri;
        this.redactedUri = redactedUri;
        this.prefix = prefix;
        this.clock = clock;
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
            Thread t = new Thread(r, "authkit-redis-revocations");
            t.setDaemon(true);
            return t;
        });
        if (!connect()) {
            scheduler.schedule(this::connectUntilDone, RECONNECT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A revocation list with the default options.
     *
     * @param redisUri {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://} for
     *                 TLS, or {@code redis-sentinel://}, as {@link RedisRefreshCoordination#create}
     * @throws AuthKitConfigException for a malformed URI (the message hides any password)
     */
    public static RedisRevocationList create(String redisUri) {
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

    /** Sets the key to expire at {@code until} (milliseconds from now by this list's clock); a past instant is not stored. */
    @Override
    public void revoke(String sessionId, Instant until) {
        Objects.requireNonNull(sessionId, "sessionId");
        long millis = until.isAfter(clock.instant().plus(Duration.ofDays(365))) ? Duration.ofDays(365).toMillis()
                : until.toEpochMilli() - clock.millis();
        if (millis <= 0) {
            return;
        }
        try {
            open().sync().set(prefix + sessionId, "1", SetArgs.Builder.px(millis));
        } catch (RuntimeException e) {
            throw unavailable("Redis could not store a revocation", e);
        }
    }

    @Override
    public boolean isRevoked(String sessionId) {
        if (sessionId == null) {
            return false;
        }
        try {
            return open().sync().exists(prefix + sessionId) > 0;
        } catch (RuntimeException e) {
            throw unavailable("Redis could not be asked for a revocation", e);
        }
    }

    private StatefulRedisConnection<String, String> open() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !c.isOpen()) {
            throw new IllegalStateException("not connected to " + redactedUri);
        }
        return c;
    }

    private IllegalStateException unavailable(String what, RuntimeException e) {
        String described = e.getClass().getSimpleName() + ": " + e.getMessage();
        long now = System.nanoTime();
        long last = lastWarningNanos.get();
        if (now - last >= WARNING_INTERVAL.toNanos() && lastWarningNanos.compareAndSet(last, now)) {
            LOG.warn("{} ({}). Next warning in a minute at the earliest.", what, described);
        } else {
            LOG.debug("{} ({})", what, described);
        }
        return new IllegalStateException(what, e);
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
        return "RedisRevocationList{" + redactedUri + (isConnected() ? ", connected}" : ", not connected}");
    }

    /** Options of a {@link RedisRevocationList}; defaults as documented on each. */
    public static final class Builder {
        private final String uri;
        private Duration commandTimeout = Duration.ofMillis(500);
        private String prefix = "authkit:revoked:";
        private Clock clock = Clock.systemUTC();

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

        /** Prefix of the keys. Default {@code authkit:revoked:}. */
        public Builder keyPrefix(String prefix) {
            if (prefix == null || prefix.isEmpty()) {
                throw new AuthKitConfigException("keyPrefix must be non-empty text");
            }
            this.prefix = prefix;
            return this;
        }

        /** The clock {@code until} is measured against; give AuthKit's. Default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws AuthKitConfigException for a malformed URI */
        public RedisRevocationList build() {
            String redacted = RefreshCoordination.Provider.redact(uri);
            RedisURI parsed;
            try {
                parsed = RedisURI.create(uri);
            } catch (RuntimeException e) {
                throw new AuthKitConfigException("not a Redis URI: '" + redacted + "' (expected redis://host:port, "
                        + "rediss://... or redis-sentinel://...)");
            }
            parsed.setTimeout(CONNECT_TIMEOUT);
            return new RedisRevocationList(parsed, redacted, commandTimeout, prefix, clock);
        }
    }
}
