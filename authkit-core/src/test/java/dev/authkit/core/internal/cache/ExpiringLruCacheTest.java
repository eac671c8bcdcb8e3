package dev.authkit.core.internal.cache;

import dev.authkit.core.internal.cache.ExpiringLruCache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExpiringLruCacheTest {
    static final long NOW = 1_000_000L;
    static final long LATER = NOW + 60_000;

    @Test
    void neverHoldsMoreThanItsCapacity() {
        ExpiringLruCache<Integer, String> cache = new ExpiringLruCache<>(1_000);
        for (int i = 0; i < 50_000; i++) {
            cache.put(i, "v" + i, LATER, NOW);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(1_000).isGreaterThan(900);
    }

    @Test
    void aFullCacheEvictsTheLeastRecentlyUsedAndKeepsTheRest() {
        ExpiringLruCache<Integer, String> cache = new ExpiringLruCache<>(3); // one stripe: exact LRU
        cache.put(1, "a", LATER, NOW);
        cache.put(2, "b", LATER, NOW);
        cache.put(3, "c", LATER, NOW);
        assertThat(cache.get(1, NOW)).isEqualTo("a"); // 2 is now the least recently used
        cache.put(4, "d", LATER, NOW);
        assertThat(cache.get(2, NOW)).isNull();
        assertThat(cache.get(1, NOW)).isEqualTo("a");
        assertThat(cache.get(3, NOW)).isEqualTo("c");
        assertThat(cache.get(4, NOW)).isEqualTo("d");
    }

    @Test
    void manyNewKeysNeverEmptyIt() {
        ExpiringLruCache<Integer, String> cache = new ExpiringLruCache<>(2_048);
        for (int i = 0; i < 2_048; i++) {
            cache.put(i, "v", LATER, NOW);
        }
        for (int i = 10_000; i < 10_100; i++) { // a burst of new users
            cache.put(i, "v", LATER, NOW);
            assertThat(cache.size()).isGreaterThan(1_900);
        }
    }

    @Test
    void anEntryEndsAtItsExpiry() {
        ExpiringLruCache<String, String> cache = new ExpiringLruCache<>(10);
        cache.put("k", "v", NOW + 1_000, NOW);
        assertThat(cache.get("k", NOW + 999)).isEqualTo("v");
        assertThat(cache.get("k", NOW + 1_000)).isNull();
        assertThat(cache.size()).isZero(); // dropped when read expired
        assertThat(cache.get("k", NOW)).isNull(); // and gone for good, even if the clock goes back
    }

    @Test
    void anExpiredValueIsNotStored() {
        ExpiringLruCache<String, String> cache = new ExpiringLruCache<>(10);
        cache.put("k", "v", NOW, NOW);
        assertThat(cache.size()).isZero();
    }

    @Test
    void makingRoomDropsAnExpiredEntryBeforeALiveOne() {
        ExpiringLruCache<Integer, String> cache = new ExpiringLruCache<>(3);
        cache.put(1, "live", LATER, NOW);
        cache.put(2, "short", NOW + 10, NOW);
        cache.put(3, "live", LATER, NOW);
        cache.get(2, NOW); // most recently used, yet expired by the time room is needed
        cache.put(4, "live", LATER, NOW + 20);
        assertThat(cache.get(1, NOW + 20)).isEqualTo("live");
        assertThat(cache.get(3, NOW + 20)).isEqualTo("live");
        assertThat(cache.get(4, NOW + 20)).isEqualTo("live");
    }

    @Test
    void capacityZeroHoldsNothing() {
        ExpiringLruCache<String, String> cache = new ExpiringLruCache<>(0);
        cache.put("k", "v", LATER, NOW);
        assertThat(cache.get("k", NOW)).isNull();
        assertThatThrownBy(() -> new ExpiringLruCache<String, String>(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentUseKeepsTheBound() throws Exception {
        ExpiringLruCache<Integer, Integer> cache = new ExpiringLruCache<>(512);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 100_000;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 20_000; i++) {
                    cache.put(base + i, i, LATER, NOW);
                    Integer v = cache.get(base + i / 2, NOW);
                    if (v != null && v != i / 2) {
                        throw new AssertionError("wrong value");
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(cache.size()).isLessThanOrEqualTo(512);
    }
}
