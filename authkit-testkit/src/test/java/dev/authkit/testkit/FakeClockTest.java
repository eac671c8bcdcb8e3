package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeClockTest {
    @Test
    void aStoppedClockMovesOnlyWhenTold() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        FakeClock clock = new FakeClock(start);
        waitForTheSystemClockToMove();
        assertThat(clock.instant()).isEqualTo(start);
        assertThat(clock.followsSystemTime()).isFalse();
        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(start.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aSystemTimeClockTicksAndCanStillBeMoved() {
        FakeClock clock = FakeClock.systemTime();
        Instant before = Instant.now();
        Instant read = clock.instant();
        assertThat(read).isAfterOrEqualTo(before);
        waitForTheSystemClockToMove();
        assertThat(clock.instant()).isAfter(read);

        Instant moved = clock.advance(Duration.ofHours(1));
        assertThat(moved).isAfterOrEqualTo(before.plus(Duration.ofHours(1)));
        waitForTheSystemClockToMove();
        assertThat(clock.instant()).as("keeps ticking after a move").isAfter(moved);

        Instant target = Instant.parse("2030-01-01T00:00:00Z");
        clock.set(target);
        assertThat(clock.instant()).isBetween(target, target.plus(Duration.ofMinutes(1)));

        clock.resetToSystemTime();
        assertThat(clock.instant()).isBetween(before, Instant.now());
    }

    /** Spins (no sleep) until the system clock has moved by at least two milliseconds. */
    static void waitForTheSystemClockToMove() {
        Instant start = Instant.now();
        while (!Instant.now().isAfter(start.plusMillis(1))) {
            Thread.onSpinWait();
        }
    }
}
