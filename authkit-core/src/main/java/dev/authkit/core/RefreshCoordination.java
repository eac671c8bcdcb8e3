package dev.authkit.core;

import dev.authkit.core.internal.refresh.RefreshCoordinator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How the refresh of one session is coordinated among the requests that need it at the same time,
 * in this process or across the instances of an application. WorkOS refresh tokens are single-use:
 * when two requests with the same stale cookie both exchange the token, the second gets
 * {@code invalid_grant} and signs the user out. A coordination lets one caller exchange and hands
 * its result to the others.
 *
 * <p>The default, {@link #inProcess(Clock)}, is a single flight inside one {@link AuthKit} plus a
 * short grace cache; {@code dev.authkit.redis.RedisRefreshCoordination} (module
 * {@code authkit-redis}) extends it across instances. Set one with
 * {@link AuthKit.Builder#refreshCoordination(RefreshCoordination)}.
 *
 * <p>A coordination never sees a token. It gets:
 * <ul>
 * <li>a <b>key</b>: 64 lowercase hex characters, the SHA-256 of the refresh token and the target
 *     organization ({@link #key(String, String)}); equal for every request of one session that
 *     refreshes into the same organization, and useless to anyone who reads it;</li>
 * <li>the <b>exchange</b>: a call to WorkOS, run on the caller's thread, that answers the refreshed
 *     session already sealed with the application's cookie password (Iron, the same seal as the
 *     session cookie), or empty when the refresh failed. The coordination stores and hands out that
 *     opaque string; only an instance holding the cookie password can open it.</li>
 * </ul>
 * Failures are not shared beyond the callers waiting at that moment and never remembered: the
 * next request tries again.
 *
 * <p>Implementations must be thread-safe, must not throw for infrastructure trouble (fall back to
 * running the exchange locally instead), and should not block a caller much longer than the
 * exchange itself takes.
 */
public interface RefreshCoordination {

    /**
     * The sealed result of refreshing the session identified by {@code key}: one still remembered
     * from a refresh that finished less than {@code gracePeriod} ago, the one a concurrent caller
     * (here or on another instance) is producing, or else the result of running {@code exchange}
     * on this thread.
     *
     * @param key         64 hex characters from {@link #key(String, String)}; never a token
     * @param gracePeriod how long a successful result answers later callers with the same key
     *                    (requests that still carry the old cookie); {@link Duration#ZERO} keeps nothing
     * @param exchange    exchanges the refresh token at WorkOS; answers the sealed new session, or
     *                    empty on failure; never throws
     * @return the sealed new session; empty when the refresh failed (if {@code exchange} ran here,
     *         the caller knows why) or could not be awaited
     */
    Optional<String> refresh(String key, Duration gracePeriod, Supplier<Optional<String>> exchange);

    /**
     * {@link #refresh(String, Duration, Supplier)} with a check of what others stored: a result for
     * which {@code opens} is false (it does not open with this application's cookie password for
     * this key: junk, a forgery, or an instance with another password) is a miss, to be discarded
     * and refreshed as if nothing were stored, never handed out. AuthKit calls this one. A
     * coordination that keeps results outside this process (anyone with access to the store could
     * write there) should override it; the default ignores the check.
     */
    default Optional<String> refresh(String key, Duration gracePeriod, Supplier<Optional<String>> exchange,
                                     Predicate<String> opens) {
        return refresh(key, gracePeriod, exchange);
    }

    /**
     * The default: a single flight within this object (concurrent callers with one key share one
     * exchange and wait for it up to 15 seconds, far longer than a WorkOS call takes, so only a hung
     * call ends a wait) and a grace cache of at most 10,000 results, evicting the expired ones first. Two {@code AuthKit} objects with two such
     * coordinations behave like two application instances.
     *
     * @param clock the time source of the grace period (AuthKit passes its own, so tests can move it)
     */
    static RefreshCoordination inProcess(Clock clock) {
        RefreshCoordinator coordinator = new RefreshCoordinator(Duration.ofSeconds(15), clock);
        return coordinator::refresh;
    }

    /**
     * The coordination a URI names, created by the first {@link Provider} on the class path that
     * takes its scheme: {@code redis://host:6379} and {@code rediss://...} when {@code authkit-redis}
     * is there. This is how configuration by text ({@code AUTHKIT_REDIS_URI}, a servlet init
     * parameter) reaches a module that adapters do not depend on.
     *
     * @throws AuthKitConfigException when the URI has no scheme or no provider takes it (naming the
     *                                module to add), or the provider rejects it
     */
    static RefreshCoordination fromUri(String uri) {
        Objects.requireNonNull(uri, "uri");
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            throw new AuthKitConfigException("refresh coordination URI must start with a scheme such as redis://, got '"
                    + Provider.redact(uri) + "'");
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (Provider p : ServiceLoader.load(Provider.class, RefreshCoordination.class.getClassLoader())) {
            if (p.schemes().contains(scheme)) {
                return p.create(uri);
            }
            known.addAll(p.schemes());
        }
        if (scheme.startsWith("redis")) {
            throw new AuthKitConfigException("refresh coordination through " + scheme + ":// needs the module "
                    + "dev.authkit:authkit-redis on the class path");
        }
        throw new AuthKitConfigException("no refresh coordination for scheme '" + scheme + "' (available: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
    }

    /**
     * The key of a refresh: hex SHA-256 of the refresh token, a zero byte and the organization id
     * (nothing for none), so one session refreshing into two organizations is two refreshes.
     */
    static String key(String refreshToken, String organizationId) {
        return RefreshCoordinator.key(refreshToken, organizationId);
    }

    /**
     * Creates coordinations from URIs for {@link #fromUri(String)}; found with
     * {@link ServiceLoader} ({@code META-INF/services/dev.authkit.core.RefreshCoordination$Provider}).
     */
    interface Provider {
        /** Lower-case URI schemes this provider takes, such as {@code redis} and {@code rediss}. */
        List<String> schemes();

        /**
         * @throws AuthKitConfigException for a malformed URI; the message must not repeat a password
         */
        RefreshCoordination create(String uri);

        /** {@code uri} with any {@code user:password@} part replaced by {@code ***@}, for messages. */
        static String redact(String uri) {
            return uri.replaceAll("//[^@/]*@", "//***@");
        }
    }
}
