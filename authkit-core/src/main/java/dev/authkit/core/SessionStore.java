package dev.authkit.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Server-side sessions: where a session lives when the cookie holds only a sealed reference to it.
 * Set one with {@link AuthKit.Builder#sessionStore(SessionStore)}; {@code dev.authkit.redis.RedisSessionStore}
 * (module {@code authkit-redis}) is the one authkit ships. With a store:
 * <ul>
 * <li>the session cookie holds {@code Fe26.2*...}, an Iron seal of a random 256-bit id (about 300
 *     bytes, whatever the size of the session), so large tokens never meet the browsers' 4 KiB and
 *     the servers' 8 KiB limits;</li>
 * <li>sign-out deletes the entry, so a copied cookie is dead the moment its user signs out, on
 *     every instance that shares the store;</li>
 * <li>the store holds only sealed text (sealed with the cookie password, like the cookie): never
 *     a token in clear, and nothing another application can open.</li>
 * </ul>
 *
 * <p>Ids are opaque: 43 characters of base64url. Values are opaque sealed strings, typically 2 to
 * 20 KB. Implementations must be thread-safe and must answer quickly (a request waits for
 * {@link #load}); when the store cannot be reached they throw {@link UnavailableException} (never
 * answer "not found" for an outage): authkit then answers 503 with {@code Retry-After} on
 * protected pages, lets public pages go on signed out, and keeps the cookie, so no session is lost.
 */
public interface SessionStore {

    /**
     * The sealed session stored under {@code id}; empty when there is none (never stored, expired,
     * deleted by a sign-out).
     *
     * @throws UnavailableException when the store cannot answer
     */
    Optional<String> load(String id);

    /**
     * Stores {@code sealedSession} under {@code id}, replacing any value, for {@code ttl} (the
     * session cookie's max age: the entry never outlives its cookie).
     *
     * @throws UnavailableException when the store cannot take it
     */
    void save(String id, String sealedSession, Duration ttl);

    /**
     * Deletes the entry of {@code id}, if any.
     *
     * @throws UnavailableException when the store cannot be reached
     */
    void delete(String id);

    /**
     * Whether {@link #load}, {@link #save} and {@link #delete} complete without blocking (in
     * memory, no I/O): then a reactive adapter may read and renew sessions on its event loop.
     * Default false, the safe answer for a store behind the network (Redis).
     */
    default boolean nonBlocking() {
        return false;
    }

    /** The store cannot be reached or did not answer in time; the message names no secret. */
    final class UnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The store a URI names, created by the first {@link Provider} on the class path that takes its
     * scheme: {@code redis://host:6379} and {@code rediss://...} when {@code authkit-redis} is there.
     * This is how {@code AUTHKIT_SESSION_STORE_URI} (environment, servlet init parameter, Spring's
     * {@code authkit.session-store-uri}) reaches a module the adapters do not depend on.
     *
     * @throws AuthKitConfigException when the URI has no scheme or no provider takes it (naming the
     *                                module to add), or the provider rejects it
     */
    static SessionStore fromUri(String uri) {
        Objects.requireNonNull(uri, "uri");
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            throw new AuthKitConfigException("session store URI must start with a scheme such as redis://, got '"
                    + RefreshCoordination.Provider.redact(uri) + "'");
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (Provider p : ServiceLoader.load(Provider.class, SessionStore.class.getClassLoader())) {
            if (p.schemes().contains(scheme)) {
                return p.create(uri);
            }
            known.addAll(p.schemes());
        }
        if (scheme.startsWith("redis")) {
            throw new AuthKitConfigException("a session store through " + scheme + ":// needs the module "
                    + "dev.authkit:authkit-redis on the class path");
        }
        throw new AuthKitConfigException("no session store for scheme '" + scheme + "' (available: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
    }

    /**
     * Creates stores from URIs for {@link #fromUri(String)}; found with {@link ServiceLoader}
     * ({@code META-INF/services/dev.authkit.core.SessionStore$Provider}).
     */
    interface Provider {
        /** Lower-case URI schemes this provider takes, such as {@code redis} and {@code rediss}. */
        List<String> schemes();

        /** @throws AuthKitConfigException for a malformed URI; the message must not repeat a password */
        SessionStore create(String uri);
    }
}
