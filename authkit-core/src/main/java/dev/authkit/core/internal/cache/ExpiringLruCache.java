package dev.authkit.core.internal.cache;

import dev.authkit.core.CacheStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded map whose entries expire: at most {@code capacity} entries, each readable until its
 * own expiry instant and gone after it; when full, an insert evicts the least recently used entry
 * of its stripe. It never empties itself: a full cache keeps serving every other entry, so the
 * active users do not all pay for a miss at the same moment.
 *
 * <p>The entries are spread over up to 16 stripes by the key's hash, each a {@link LinkedHashMap}
 * in access order behind its own lock, so concurrent requests rarely wait for each other. Each
 * stripe holds {@code capacity / stripes} entries (rounded down), hence "least recently used" holds
 * per stripe, which is what bounds memory. Expired entries are dropped when read, and when a full
 * stripe makes room (an expired entry goes before a live one).
 *
 * <p>Thread-safe. Keys need {@code equals}/{@code hashCode}; callers use digests, never secrets.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class ExpiringLruCache<K, V> {
    private static final int MAX_STRIPES = 16;
    /** Stripes smaller than this would make the per-stripe LRU too coarse. */
    private static final int MIN_STRIPE_CAPACITY = 64;

    private record Entry<V>(V value, long expiresAtMillis) {
    }

    private final int capacity;
    private final Stripe<K, V>[] stripes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final CacheStats stats = new CacheStats() {
        @Override
        public long size() {
            return ExpiringLruCache.this.size();
        }

        @Override
        public long capacity() {
            return capacity;
        }

        @Override
        public long hits() {
            return hits.sum();
        }

        @Override
        public long misses() {
            return misses.sum();
        }
    };

    /** @param capacity the most entries held at once; 0 holds none (every lookup misses) */
    public ExpiringLruCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        int count = Math.max(1, Math.min(MAX_STRIPES, capacity / MIN_STRIPE_CAPACITY));
        int perStripe = capacity / count; // rounded down: the stripes together never exceed the capacity
        @SuppressWarnings("unchecked")
        Stripe<K, V>[] s = (Stripe<K, V>[]) new Stripe<?, ?>[count];
        for (int i = 0; i < count; i++) {
            s[i] = new Stripe<>(perStripe);
        }
        this.stripes = s;
    }

    /** The value for {@code key} if present and {@code nowMillis} is before its expiry; else {@code null}. */
    public V get(K key, long nowMillis) {
        return get(key, nowMillis, true);
    }

    /**
     * As {@link #get(Object, long)}; with {@code count} false the lookup is not counted in the
     * stats, for one that may be made again (an inline attempt that declines, then its worker run
     * looks again): the caller counts it with {@link #count(boolean)} if it goes on.
     */
    public V get(K key, long nowMillis, boolean count) {
        Stripe<K, V> stripe = stripe(key);
        synchronized (stripe) {
            Entry<V> e = stripe.get(key);
            if (e == null) {
                if (count) {
                    misses.increment();
                }
                return null;
            }
            if (nowMillis >= e.expiresAtMillis()) {
                stripe.remove(key);
                if (count) {
                    misses.increment();
                }
                return null;
            }
            if (count) {
                hits.increment();
            }
            return e.value();
        }
    }

    /** Counts a lookup left uncounted by {@link #get(Object, long, boolean)}: a hit or a miss. */
    public void count(boolean hit) {
        (hit ? hits : misses).increment();
    }

    /**
     * Stores {@code value} until {@code expiresAtMillis} (exclusive), replacing any entry for the
     * key. A value already expired at {@code nowMillis} is not stored. When the key's stripe is
     * full, an expired entry is dropped to make room if there is one, else the least recently used.
     */
    public void put(K key, V value, long expiresAtMillis, long nowMillis) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (capacity == 0 || expiresAtMillis <= nowMillis) {
            return;
        }
        Stripe<K, V> stripe = stripe(key);
        synchronized (stripe) {
            if (!stripe.containsKey(key) && stripe.size() >= stripe.capacity) {
                stripe.dropOneExpired(nowMillis);
            }
            stripe.put(key, new Entry<>(value, expiresAtMillis)); // removeEldestEntry keeps the bound
        }
    }

    /** Removes the entry for {@code key}, if any. */
    public void remove(K key) {
        Stripe<K, V> stripe = stripe(key);
        synchronized (stripe) {
            stripe.remove(key);
        }
    }

    /** Entries held now, expired ones not yet dropped included. */
    public int size() {
        int n = 0;
        for (Stripe<K, V> s : stripes) {
            synchronized (s) {
                n += s.size();
            }
        }
        return n;
    }

    public int capacity() {
        return capacity;
    }

    /** A live read-only view of this cache's size and lookups (counted in {@link #get}), for metrics. */
    public CacheStats stats() {
        return stats;
    }

    private Stripe<K, V> stripe(K key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        return stripes[Math.floorMod(h, stripes.length)];
    }

    /** One LRU partition: a {@link LinkedHashMap} in access order that drops its eldest entry past its capacity. */
    private static final class Stripe<K, V> extends LinkedHashMap<K, Entry<V>> {
        private final int capacity;

        Stripe(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        /**
         * Drops the first expired entry found among the least recently used few (a bounded scan,
         * so an insert never walks the whole stripe).
         */
        void dropOneExpired(long nowMillis) {
            int looked = 0;
            var it = entrySet().iterator();
            while (it.hasNext() && looked++ < 8) {
                if (nowMillis >= it.next().getValue().expiresAtMillis()) {
                    it.remove();
                    return;
                }
            }
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
            return size() > capacity;
        }
    }
}
