package dev.authkit.core.internal.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process revocation list: session id to the instant its entry may be forgotten. Reads are
 * lock-free; writes drop the expired entries and, when full, evict the entry that expires first
 * (the one least likely to matter still).
 */
public final class RevokedSessions {
    public static final int DEFAULT_CAPACITY = 100_000;
    /** Later instants (up to {@link Instant#MAX}) are kept as this one, which a long holds in milliseconds. */
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");

    private record Expiry(long untilMillis, String sessionId) {
    }

    private final Clock clock;
    private final int capacity;
    private final ConcurrentHashMap<String, Long> until = new ConcurrentHashMap<>();
    private final PriorityQueue<Expiry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.untilMillis, b.untilMillis));

    public RevokedSessions(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    public synchronized void revoke(String sessionId, Instant expires) {
        long now = clock.millis();
        long untilMillis = expires.isAfter(FAR_FUTURE) ? FAR_FUTURE.toEpochMilli() : expires.toEpochMilli();
        if (untilMillis <= now) {
            return;
        }
        Long previous = until.get(sessionId);
        if (previous != null && previous >= untilMillis) {
            return;
        }
        until.put(sessionId, untilMillis);
        byExpiry.add(new Expiry(untilMillis, sessionId));
        while (!byExpiry.isEmpty()) {
            Expiry head = byExpiry.peek();
            Long current = until.get(head.sessionId());
            if (current == null || current != head.untilMillis()) {
                byExpiry.poll(); // superseded by a later revoke of the same session
            } else if (head.untilMillis() <= now || until.size() > capacity) {
                byExpiry.poll();
                until.remove(head.sessionId());
            } else {
                break;
            }
        }
    }

    public boolean isRevoked(String sessionId) {
        Long untilMillis = until.get(sessionId);
        return untilMillis != null && clock.millis() < untilMillis;
    }

    public int size() {
        return until.size();
    }
}
