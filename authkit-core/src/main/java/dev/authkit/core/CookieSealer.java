package dev.authkit.core;

import dev.authkit.core.internal.crypto.IronSealer;
import dev.authkit.core.internal.session.SessionCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Seals text into a tamper-proof, encrypted cookie value and opens it again.
 *
 * <p>{@link #iron(String)} writes the Iron format exactly as iron-session 8.x and 9.x do
 * ({@code Fe26.2*id*salt*iv*ciphertext*expiration*salt*hmac~2}: AES-256-CBC, HMAC-SHA256, keys by
 * PBKDF2-SHA1), so a Java service and a Next.js app that share a cookie password read each
 * other's cookies. Implementations are immutable and thread-safe.
 */
public interface CookieSealer {

    /**
     * Seals {@code plaintext}, which must be a JSON text (iron-session parses what it unseals as
     * JSON). {@code ttl} sets the seal's own expiration in milliseconds after now;
     * {@link Duration#ZERO} writes none, as authkit-nextjs does for its session cookie.
     *
     * @throws IllegalArgumentException if {@code plaintext} is not JSON or {@code ttl} is negative
     */
    String seal(String plaintext, Duration ttl);

    /**
     * Opens a sealed value. Empty for anything that is not a seal made by this sealer's passwords
     * and still valid: tampered, truncated, expired (past its expiration plus 60 s of clock skew),
     * sealed with an unknown password id, malformed, over 64 KiB, or not JSON inside. Never throws
     * for bad input, never returns altered text.
     */
    Optional<String> unseal(String sealed);

    /**
     * An iron-session compatible sealer with one password, which iron-session stores under id
     * {@code 1}.
     *
     * @throws AuthKitConfigException if the password is shorter than 32 characters
     */
    static CookieSealer iron(String password) {
        return new Iron(new IronSealer(Map.of("1", password), Clock.systemUTC()));
    }

    /**
     * An iron-session compatible sealer for password rotation: {@code {id: password}} with numeric
     * ids. It seals with the highest id and unseals a seal made with any id present, so a new
     * password can be rolled out before the old one is dropped.
     *
     * @throws AuthKitConfigException if the map is empty, an id is not a non-negative integer, or a
     *     password is shorter than 32 characters
     */
    static CookieSealer iron(Map<String, String> passwordsById) {
        return new Iron(new IronSealer(passwordsById, Clock.systemUTC()));
    }

    /**
     * {@link #iron(Map)} reading seal expirations on {@code clock} (tests with a fake clock; the
     * same clock as {@code AuthKit.Builder.clock}).
     */
    static CookieSealer iron(Map<String, String> passwordsById, Clock clock) {
        return new Iron(new IronSealer(passwordsById, Objects.requireNonNull(clock, "clock")));
    }

    /**
     * Seals {@code session} as the value of the session cookie, exactly as authkit writes it (and
     * authkit-nextjs reads it): its JSON, no expiration. For tests and tools that need a cookie
     * without a sign-in.
     */
    default String sealSession(Session session) {
        return seal(SessionCodec.toJson(session), Duration.ZERO);
    }

    /** The session a session cookie's value holds; empty when it does not unseal or holds no session. */
    default Optional<Session> unsealSession(String sealed) {
        return unseal(sealed).flatMap(SessionCodec::fromJson);
    }

    /**
     * The sealer {@link #iron} returns: iron-session's format, with authkit's own implementation
     * behind it. Only the factories construct it; {@code AuthKit} recognises it (its answers are
     * the same every time, so verified sessions may be cached by the hash of the cookie).
     */
    final class Iron implements CookieSealer {
        private final IronSealer iron;

        Iron(IronSealer iron) {
            this.iron = iron;
        }

        IronSealer sealer() {
            return iron;
        }

        @Override
        public String seal(String plaintext, Duration ttl) {
            return iron.seal(plaintext, ttl);
        }

        @Override
        public Optional<String> unseal(String sealed) {
            return iron.unseal(sealed);
        }
    }
}
