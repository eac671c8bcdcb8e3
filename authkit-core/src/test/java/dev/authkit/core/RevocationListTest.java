package dev.authkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The in-process revocation list: entries live until their instant, and a full list evicts what expires first. */
class RevocationListTest {
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();

    @Test
    void anEntryLastsUntilItsInstantAndNotAfter() {
        RevocationList list = RevocationList.inProcess(clock);
        list.revoke("session_a", clock.now.plusSeconds(300));
        assertThat(list.isRevoked("session_a")).isTrue();
        assertThat(list.isRevoked("session_b")).isFalse();
        assertThat(list.isRevoked(null)).isFalse();
        clock.now = clock.now.plusSeconds(299);
        assertThat(list.isRevoked("session_a")).isTrue();
        clock.now = clock.now.plusSeconds(1);
        assertThat(list.isRevoked("session_a")).as("at its instant").isFalse();
    }

    @Test
    void aLaterRevocationExtendsAnEarlierOneNeverShortensIt() {
        RevocationList list = RevocationList.inProcess(clock);
        list.revoke("session_a", clock.now.plusSeconds(600));
        list.revoke("session_a", clock.now.plusSeconds(60));
        clock.now = clock.now.plusSeconds(120);
        assertThat(list.isRevoked("session_a")).isTrue();
        list.revoke("session_a", clock.now.plusSeconds(1000));
        clock.now = clock.now.plusSeconds(900);
        assertThat(list.isRevoked("session_a")).isTrue();
    }

    @Test
    void aFullListEvictsTheEntryThatExpiresFirstAndDropsExpiredOnes() {
        RevocationList list = RevocationList.inProcess(clock, 3);
        list.revoke("long", clock.now.plusSeconds(900));
        list.revoke("short", clock.now.plusSeconds(100));
        list.revoke("middle", clock.now.plusSeconds(500));
        list.revoke("newest", clock.now.plusSeconds(700));
        assertThat(list.isRevoked("short")).as("expires first: evicted").isFalse();
        assertThat(list.isRevoked("long")).isTrue();
        assertThat(list.isRevoked("middle")).isTrue();
        assertThat(list.isRevoked("newest")).isTrue();
        clock.now = clock.now.plusSeconds(600);
        list.revoke("later", clock.now.plusSeconds(100));
        assertThat(list.isRevoked("middle")).isFalse();
        assertThat(list.isRevoked("later")).isTrue();
        assertThat(list.toString()).contains("3 entries"); // middle dropped as expired, nothing else evicted
    }

    @Test
    void manyRevocationsStayBounded() {
        RevocationList list = RevocationList.inProcess(clock, 1000);
        for (int i = 0; i < 10_000; i++) {
            list.revoke("session_" + i, clock.now.plus(Duration.ofSeconds(1 + i)));
        }
        assertThat(list.toString()).contains("1000 entries");
        assertThat(list.isRevoked("session_9999")).isTrue();
        assertThat(list.isRevoked("session_0")).isFalse();
    }

    @Test
    void anAlreadyExpiredRevocationIsNotKeptAndACapacityMustBePositive() {
        RevocationList list = RevocationList.inProcess(clock);
        list.revoke("session_a", clock.now);
        assertThat(list.isRevoked("session_a")).isFalse();
        assertThatThrownBy(() -> RevocationList.inProcess(clock, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
