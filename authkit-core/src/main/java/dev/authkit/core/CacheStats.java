package dev.authkit.core;

/**
 * A live, read-only view of one of authkit's in-memory caches, for gauges: the verified sessions
 * ({@code "sessions"}) and the verified access tokens ({@code "tokens"}) of {@code AuthKit.caches()}.
 * Reading it costs a few counter sums; it holds no entries and exposes no keys.
 */
public interface CacheStats {
    /** Entries held now (expired ones not yet dropped included). */
    long size();

    /** Entries held at most. */
    long capacity();

    /** Lookups answered from the cache since the {@code AuthKit} was built. */
    long hits();

    /** Lookups the cache could not answer since the {@code AuthKit} was built. */
    long misses();

    /** {@code hits / (hits + misses)}, or 0 before the first lookup. */
    default double hitRatio() {
        long h = hits();
        long total = h + misses();
        return total == 0 ? 0 : (double) h / total;
    }
}
