package dev.authkit.redis;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.RevocationList;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
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
    /** Sets the key with the expiry given, unless it already expires later (PTTL: -2 absent). */
    private static final String EXTEND = "local left = redis.call('PTTL', KEYS[1]) "
            + "if left >= 0 and left >= tonumber(ARGV[1]) then return redis.status_reply('OK') end "
            + "return redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])";
    private static final Logger LOG = LoggerFactory.getLogger(RedisRevocationList.class);

    private final RedisLink link;
    private final String prefix;
    private final Clock clock;

    private RedisRevocationList(RedisLink link, String prefix, Clock clock) {
        this.link = link;
        this.prefix = prefix;
        this.clock = clock;
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
        return link.isConnected();
    }

    /**
     * Sets the key, or keeps it longer: it expires at {@code until} (milliseconds from now by this
     * list's clock) unless it was already set to expire later. Instances may compute different
     * retentions (each knows the token lifetimes it has seen), and a repeated revocation must
     * never cut short one another instance made. A past instant is not stored.
     */
    @Override
    public void revoke(String sessionId, Instant until) {
        Objects.requireNonNull(sessionId, "sessionId");
        long millis = until.isAfter(clock.instant().plus(Duration.ofDays(365))) ? Duration.ofDays(365).toMillis()
                : until.toEpochMilli() - clock.millis();
        if (millis <= 0) {
            return;
        }
        try {
            link.connection().sync().eval(EXTEND, ScriptOutputType.STATUS, new String[] {prefix + sessionId},
                    Long.toString(millis));
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
            return link.connection().sync().exists(prefix + sessionId) > 0;
        } catch (RuntimeException e) {
            throw unavailable("Redis could not be asked for a revocation", e);
        }
    }

    private IllegalStateException unavailable(String what, RuntimeException e) {
        link.failed(what, e, "");
        return new IllegalStateException(what, e);
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "RedisRevocationList{" + link.redactedUri() + (isConnected() ? ", connected}" : ", not connected}");
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
            this.commandTimeout = RedisLink.commandTimeout(timeout);
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
            return new RedisRevocationList(RedisLink.open(uri, commandTimeout, "authkit-redis-revocations", LOG), prefix, clock);
        }
    }
}
