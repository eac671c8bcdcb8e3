package dev.authkit.core.internal.session;

import dev.authkit.core.internal.cache.ExpiringLruCache;
import dev.authkit.core.internal.crypto.IronSealer;
import dev.authkit.core.internal.crypto.Sha256Key;
import dev.authkit.core.internal.crypto.TokenClaims;

import dev.authkit.core.Session;
import java.util.Objects;
import java.util.Optional;

/**
 * Session cookies already unsealed and verified, so a signed-in user's next requests skip the
 * AES, HMAC, JSON and RSA work: by the SHA-256 of the cookie value as sent (never the cookie), the
 * session and its verified access-token claims.
 *
 * <p>An entry is only ever a shortcut to what the full check would answer:
 * <ul>
 * <li>it is added after the cookie was unsealed by this cache's sealer and its token verified, and
 *     a different cookie value has a different key (a tampered cookie misses and takes the full
 *     check);</li>
 * <li>it ends at the token's {@code exp}, and at the seal's own expiration when it has one (checked
 *     on the sealer's clock, as {@link IronSealer#unseal} checks it);</li>
 * <li>it belongs to one {@link IronSealer}, whose passwords never change: a new cookie password
 *     means a new sealer, a new {@code AuthKit} and an empty cache.</li>
 * </ul>
 *
 * <p>Bounded: {@link #DEFAULT_CAPACITY} entries by default (a few KiB each: the session's tokens
 * and user, the token's claims), least recently used evicted first. Thread-safe.
 */
public final class SessionCache {
    /** Sessions held at most by default; 10,000 sessions take roughly 30 to 40 MiB. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** A session cookie that passed the full check, and the claims of its verified access token. */
    public record Verified(Session session, TokenClaims claims) {
        public Verified {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(claims, "claims");
        }
    }

    private record Entry(Verified verified, long sealExpiresAtMillis) {
    }

    private final IronSealer sealer;
    private final ExpiringLruCache<Sha256Key, Entry> entries;

    /** @param capacity sessions held at most; 0 turns the cache off */
    public SessionCache(IronSealer sealer, int capacity) {
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.entries = new ExpiringLruCache<>(capacity);
    }

    /** The verified session of the cookie whose value hashes to {@code key}, while its token and seal are valid. */
    public Optional<Verified> get(Sha256Key key, long nowMillis) {
        return get(key, nowMillis, true);
    }

    /** @param count see {@link ExpiringLruCache#get(Object, long, boolean)}; {@link #count(boolean)} counts it later */
    public Optional<Verified> get(Sha256Key key, long nowMillis, boolean count) {
        Entry e = entries.get(key, nowMillis, count);
        if (e == null) {
            return Optional.empty();
        }
        if (sealer.isExpired(e.sealExpiresAtMillis())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(e.verified());
    }

    /** Counts a lookup left uncounted by {@link #get(Sha256Key, long, boolean)}. */
    public void count(boolean hit) {
        entries.count(hit);
    }

    /**
     * Remembers that the cookie {@code sealed}, whose value as sent hashes to {@code key}, holds
     * {@code verified}: until the token's {@code exp}, or the seal's expiration if earlier.
     */
    public void put(Sha256Key key, String sealed, Verified verified, long nowMillis) {
        long sealExpiresAt = IronSealer.expirationOf(sealed).orElse(Long.MAX_VALUE);
        entries.put(key, new Entry(verified, sealExpiresAt), verified.claims().expiresAt() * 1000, nowMillis);
    }

    /** A live read-only view of the cache's size and lookups. */
    public dev.authkit.core.CacheStats stats() {
        return entries.stats();
    }

    /** Entries held now (expired ones not yet dropped included). */
    public int size() {
        return entries.size();
    }
}
