package dev.authkit.core.internal.refresh;

import dev.authkit.core.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The idle and absolute session limits: a session unused for longer than {@code inactivity}, or
 * signed in longer ago than {@code absolute}, is over. The last-seen time is coarse, renewed by
 * every write and otherwise at most once a minute (a quarter of a shorter idle limit), so the
 * hot path stays free of writes.
 */
public final class SessionLimits {
    private static final Duration RENEW_AT_MOST_EVERY = Duration.ofMinutes(1);

    /** What a session's times say. */
    public enum Verdict { WITHIN, RENEW, IDLE, TOO_OLD }

    private final Optional<Duration> inactivity;
    private final Optional<Duration> absolute;
    private final Clock clock;
    private final Duration renewEvery;

    public SessionLimits(Optional<Duration> inactivity, Optional<Duration> absolute, Clock clock) {
        this.inactivity = inactivity;
        this.absolute = absolute;
        this.clock = clock;
        Duration quarter = inactivity.map(d -> d.dividedBy(4)).orElse(RENEW_AT_MOST_EVERY);
        this.renewEvery = quarter.compareTo(RENEW_AT_MOST_EVERY) < 0 ? quarter : RENEW_AT_MOST_EVERY;
    }

    public boolean active() {
        return inactivity.isPresent() || absolute.isPresent();
    }

    /** A session without times (written before a limit was set, or by authkit-nextjs) is adopted: renewed from now. */
    public Verdict check(Session session) {
        if (!active()) {
            return Verdict.WITHIN;
        }
        if (session.signedInAt().isEmpty() || session.lastSeenAt().isEmpty()) {
            return Verdict.RENEW;
        }
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond()); // the stamps are whole seconds
        if (absolute.isPresent() && Duration.between(session.signedInAt().get(), now).compareTo(absolute.get()) > 0) {
            return Verdict.TOO_OLD;
        }
        Duration unused = Duration.between(session.lastSeenAt().get(), now);
        if (inactivity.isPresent() && unused.compareTo(inactivity.get()) > 0) {
            return Verdict.IDLE;
        }
        return unused.compareTo(renewEvery) >= 0 ? Verdict.RENEW : Verdict.WITHIN;
    }
}
