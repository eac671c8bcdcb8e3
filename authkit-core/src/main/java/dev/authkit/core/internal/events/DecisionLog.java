package dev.authkit.core.internal.events;

import org.slf4j.Logger;

/**
 * Where authkit logs its decisions: at INFO with the {@code debug} option, else at DEBUG. Callers
 * pass messages that name users, sessions and reasons, never a token, code or cookie value.
 */
public final class DecisionLog {
    private final Logger log;
    private final boolean debug;

    public DecisionLog(Logger log, boolean debug) {
        this.log = log;
        this.debug = debug;
    }

    public void decide(String message) {
        if (debug) {
            log.info("[authkit] {}", message);
        } else if (log.isDebugEnabled()) {
            log.debug("[authkit] {}", message);
        }
    }
}
