package dev.authkit.redis;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.SessionStore;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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

    private final RedisLink link;
    private final String prefix;

    private RedisSessionStore(RedisLink link, String prefix) {
        this.link = link;
        this.prefix = prefix;
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
        return link.isConnected();
    }

    @Override
    public Optional<String> load(String id) {
        try {
            return Optional.ofNullable(link.connection().sync().get(prefix + id));
        } catch (RuntimeException e) {
            throw unavailable("Redis could not load a session", e);
        }
    }

    @Override
    public void save(String id, String sealedSession, Duration ttl) {
        try {
            long millis = Math.max(ttl.toMillis(), 1000);
            link.connection().sync().set(prefix + id, sealedSession, SetArgs.Builder.px(millis));
        } catch (RuntimeException e) {
            throw unavailable("Redis could not save a session", e);
        }
    }

    @Override
    public void delete(String id) {
        try {
            link.connection().sync().del(prefix + id);
        } catch (RuntimeException e) {
            throw unavailable("Redis could not delete a session", e);
        }
    }

    private SessionStore.UnavailableException unavailable(String what, RuntimeException e) {
        link.failed(what, e, "; protected pages answer 503 until it is back, sessions are kept");
        return new SessionStore.UnavailableException(what, e);
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "RedisSessionStore{" + link.redactedUri() + (isConnected() ? ", connected}" : ", not connected}");
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
            this.commandTimeout = RedisLink.commandTimeout(timeout);
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
            return new RedisSessionStore(RedisLink.open(uri, commandTimeout, "authkit-redis-sessions", LOG), prefix);
        }
    }
}
