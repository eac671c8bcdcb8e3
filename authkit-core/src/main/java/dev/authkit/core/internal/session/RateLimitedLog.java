package dev.authkit.core.internal.session;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Warnings that would repeat with every request (a session too large, a store down): logged at
 * warn level at most once per {@code interval} for each topic, at debug level in between.
 * Thread-safe; callers pass no secret (user ids and sizes only).
 */
final class RateLimitedLog {
    private final Logger log;
    private final Clock clock;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, Long> last = new ConcurrentHashMap<>();

    RateLimitedLog(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** Logs {@code format} at warn level unless {@code topic} was warned about less than the interval ago. */
    void warn(String topic, String format, Object... args) {
        long now = clock.millis();
        boolean[] due = new boolean[1];
        last.compute(topic, (k, before) -> {
            if (before == null || now - before >= intervalMillis) {
                due[0] = true;
                return now;
            }
            return before;
        });
        if (due[0]) {
            log.warn(format + " (next warning of this kind in a minute at the earliest)", args);
        } else if (log.isDebugEnabled()) {
            log.debug(format, args);
        }
    }
}
