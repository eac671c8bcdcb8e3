package dev.authkit.core.internal.events;

import dev.authkit.core.Outcome;
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

    /** Whether {@link #decide} would log: callers skip building a message nobody reads. */
    public boolean enabled() {
        return debug || log.isDebugEnabled();
    }

    /**
     * A request's outcome in a few words, safe to log: the status, whether a signed-in user
     * continues (and who), the error code of an answer, how many cookies are set. Never a
     * redirect location (it may carry a sealed state), a cookie value or a body.
     */
    public static String describe(Outcome outcome) {
        String cookies = outcome.cookies().isEmpty() ? "" : ", " + outcome.cookies().size() + " cookie(s) set";
        if (outcome instanceof Outcome.Continue c) {
            return "continue, " + (c.auth().isSignedIn() ? "user " + c.auth().userId().orElse("?") : "signed out") + cookies;
        }
        if (outcome instanceof Outcome.Redirect r) {
            return r.status() + " redirect" + cookies;
        }
        Outcome.Respond r = (Outcome.Respond) outcome;
        return r.status() + r.problem().map(p -> " " + p.code()).orElse("") + cookies;
    }

    /** {@code text} for one log line: control characters as {@code ?}, at most 200 characters (client input). */
    public static String printable(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return text.length() > 200 ? b.append("...").toString() : b.toString();
    }

    public void decide(String message) {
        if (debug) {
            log.info("[authkit] {}", message);
        } else if (log.isDebugEnabled()) {
            log.debug("[authkit] {}", message);
        }
    }
}
