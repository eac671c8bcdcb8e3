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
 *
 * <p>Two kinds: {@link #FakeClock(Instant) a stopped clock} stands still until the test moves it
 * (full control, for tests); {@link #systemTime()} follows the system clock, moved by whatever the
 * test added with {@link #advance} or {@link #set} (what a long-running fake for local
 * development needs: tokens issued an hour after start carry the time of issue, as WorkOS's do).
 */
public final class FakeClock extends Clock {
    /** {@code null} for a stopped clock. */
    private final Clock source;
    /** A stopped clock's time; a following clock's offset from {@link #source} as an instant after the epoch. */
    private final AtomicReference<Instant> now;

    /** A stopped clock at {@code start}: it moves only by {@link #advance} and {@link #set}. */
    public FakeClock(Instant start) {
        this.source = null;
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    private FakeClock(Clock source) {
        this.source = source;
        this.now = new AtomicReference<>(Instant.EPOCH);
    }

    /** A stopped clock at the current system time, truncated to the second. */
    public static FakeClock startingNow() {
        return new FakeClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    }

    /**
     * A clock that follows the system clock (UTC) and can still be moved: {@link #advance} and
     * {@link #set} shift it, and it keeps ticking from there. The default of a {@link FakeWorkOS}
     * that is not given a clock.
     */
    public static FakeClock systemTime() {
        return new FakeClock(Clock.systemUTC());
    }

    /** Whether this clock follows the system clock ({@link #systemTime()}) rather than standing still. */
    public boolean followsSystemTime() {
        return source != null;
    }

    /** Moves time forward (or back, with a negative duration) and returns the new time. */
    public Instant advance(Duration by) {
        Objects.requireNonNull(by, "by");
        Instant moved = now.updateAndGet(t -> t.plus(by));
        return source == null ? moved : instant();
    }

    /** Sets the time; a clock following system time keeps ticking from {@code instant}. */
    public void set(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (source == null) {
            now.set(instant);
        } else {
            now.set(Instant.EPOCH.plus(Duration.between(source.instant(), instant)));
        }
    }

    /** For a clock following system time: drops every shift, back to the system time. */
    void resetToSystemTime() {
        if (source != null) {
            now.set(Instant.EPOCH);
        }
    }

    @Override
    public Instant instant() {
        if (source == null) {
            return now.get();
        }
        return source.instant().plus(Duration.between(Instant.EPOCH, now.get()));
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
