package dev.authkit.core;

import dev.authkit.core.internal.cache.RevokedSessions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The WorkOS sessions that were revoked (a {@code session.revoked} webhook, sign out everywhere)
 * while copies of their cookies may still hold a valid access token. The session stage asks
 * {@link #isRevoked} on every request, before any cache, and signs a revoked session out: its
 * cookie is deleted, browsers go to sign-in on protected pages and scripts get 401.
 *
 * <p>An entry needs to live only as long as a revoked session could still present a valid access
 * token ({@code until}): after that, its refresh fails at WorkOS anyway. Implementations must be
 * thread-safe, answer {@link #isRevoked} fast (it is on every request's path) and never throw for
 * an unknown id. The default, {@link #inProcess(Clock)}, holds one instance's revocations; share
 * revocations between instances with {@code dev.authkit.redis.RedisRevocationList}.
 */
public interface RevocationList {

    /** Marks the WorkOS session {@code sessionId} revoked until {@code until}; a later {@code until} extends it. */
    void revoke(String sessionId, Instant until);

    /** Whether {@code sessionId} is revoked now. */
    boolean isRevoked(String sessionId);

    /**
     * Whether {@link #isRevoked} answers without blocking (in memory, no I/O): then a reactive
     * adapter may check a known session on its event loop. Default false, the safe answer for a
     * list behind the network (Redis); the in-process list says true.
     */
    default boolean nonBlocking() {
        return false;
    }

    /** In this process only: at most {@value RevokedSessions#DEFAULT_CAPACITY} entries, those expiring first evicted first. */
    static RevocationList inProcess(Clock clock) {
        return inProcess(clock, RevokedSessions.DEFAULT_CAPACITY);
    }

    /** In this process only, at most {@code capacity} entries, those expiring first evicted first when full. */
    static RevocationList inProcess(Clock clock, int capacity) {
        RevokedSessions revoked = new RevokedSessions(Objects.requireNonNull(clock, "clock"), capacity);
        return new RevocationList() {
            @Override
            public void revoke(String sessionId, Instant until) {
                revoked.revoke(Objects.requireNonNull(sessionId, "sessionId"), Objects.requireNonNull(until, "until"));
            }

            @Override
            public boolean isRevoked(String sessionId) {
                return sessionId != null && revoked.isRevoked(sessionId);
            }

            @Override
            public boolean nonBlocking() {
                return true;
            }

            @Override
            public String toString() {
                return "RevocationList.inProcess(" + revoked.size() + " entries)";
            }
        };
    }

    /**
     * The revocation list a URI names, shared by every instance that names the same one:
     * {@code redis://host:6379} (or {@code rediss://}, {@code redis-sentinel://}) with
     * {@code dev.authkit:authkit-redis} on the class path. This is how configuration by text
     * ({@code AUTHKIT_REVOCATION_LIST_URI}, {@code authkit.revocation-list-uri}) reaches an
     * implementation without the adapter depending on it. Close the result when it is
     * {@link AutoCloseable}.
     *
     * @throws AuthKitConfigException for a URI without a scheme, a scheme no module on the class path
     *                                serves (naming the module to add), or a malformed URI; never repeating a password
     */
    static RevocationList fromUri(String uri) {
        Objects.requireNonNull(uri, "uri");
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            throw new AuthKitConfigException("revocation list URI must start with a scheme such as redis://, got '"
                    + RefreshCoordination.Provider.redact(uri) + "'");
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (Provider p : ServiceLoader.load(Provider.class, RevocationList.class.getClassLoader())) {
            if (p.schemes().contains(scheme)) {
                return p.create(uri);
            }
            known.addAll(p.schemes());
        }
        if (scheme.startsWith("redis")) {
            throw new AuthKitConfigException("a revocation list through " + scheme + ":// needs the module "
                    + "dev.authkit:authkit-redis on the class path");
        }
        throw new AuthKitConfigException("no revocation list for scheme '" + scheme + "' (available: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
    }

    /**
     * Creates revocation lists from URIs for {@link #fromUri(String)}; found with {@link ServiceLoader}
     * ({@code META-INF/services/dev.authkit.core.RevocationList$Provider}).
     */
    interface Provider {
        /** Lower-case URI schemes this provider takes, such as {@code redis} and {@code rediss}. */
        List<String> schemes();

        /** @throws AuthKitConfigException for a malformed URI; the message must not repeat a password */
        RevocationList create(String uri);
    }
}
