package dev.authkit.testkit.internal;

import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Failures queued per endpoint by {@code FakeWorkOS.failNext}: each request to the endpoint takes
 * the next one, first in first out, until the queue is empty. Thread-safe: of concurrent requests
 * each takes a different failure.
 */
public final class FailureQueue {
    private final Map<Endpoint, Deque<Failure>> queues = new EnumMap<>(Endpoint.class);

    /** Queues {@code failure} for the next {@code times} requests to {@code endpoint}. */
    public synchronized void add(Endpoint endpoint, int times, Failure failure) {
        Objects.requireNonNull(failure, "failure");
        Deque<Failure> queue = queues.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(failure);
        }
    }

    /** The failure the next request to {@code endpoint} meets, taken off the queue; {@code null} for none. */
    public synchronized Failure next(Endpoint endpoint) {
        Deque<Failure> queue = queues.get(endpoint);
        return queue == null ? null : queue.poll();
    }

    /** Drops every queued failure. */
    public synchronized void clear() {
        queues.clear();
    }
}
