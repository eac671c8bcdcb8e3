package dev.authkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, so tokens and codes expire without sleeping. Thread-safe. Hand
 * the same instance to the application under test (for example as AuthKit's clock) so both
 * sides agree on the time.
 */
public final class FakeClock extends Clock {
    private final AtomicReference<Instant> now;

    public FakeClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** A clock reading the current system time, truncated to the second. */
    public static FakeClock startingNow() {
        return new FakeClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    }

    /** Moves time forward (or back, with a negative duration) and returns the new time. */
    public Instant advance(Duration by) {
        return now.updateAndGet(t -> t.plus(by));
    }

    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // the time is shared; only UTC is offered
        return this;
    }
}
