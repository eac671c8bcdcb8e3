package dev.authkit.core.internal.session;

import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Session;
import dev.authkit.core.SetCookie;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.internal.events.EventSink;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.request.RequestContext;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session cookie as a value: the one writer of it (sealed, no expiration inside, as
 * authkit-nextjs writes it), its deletion, and the plain reading of it for flows that need the
 * session without verifying it (sign-out reads the session id).
 */
public final class SessionCookies {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCookies.class);
    /** Browsers keep cookies up to about this size (name, value and attributes). */
    public static final int MAX_BROWSER_COOKIE_BYTES = 4096;

    private final AuthKitConfig config;
    private final CookieSealer sealer;
    private final CookieFactory cookies;
    private final EventSink events;

    public SessionCookies(AuthKitConfig config, CookieSealer sealer, CookieFactory cookies, EventSink events) {
        this.events = events;
        this.config = config;
        this.sealer = sealer;
        this.cookies = cookies;
    }

    /** The session sealed in the request's cookie, unverified; empty when absent or unreadable. */
    public Optional<Session> read(RequestContext ctx) {
        return ctx.cookie(config.cookieName()).flatMap(sealer::unseal).flatMap(SessionCodec::fromJson);
    }

    /** The cookie that stores {@code session}; warns (with the user id only) when browsers would drop it. */
    public SetCookie write(RequestContext ctx, Session session) {
        SetCookie cookie = cookies.session(ctx, sealer.seal(SessionCodec.toJson(session), Duration.ZERO));
        int size = cookie.headerValue().length();
        events.emit(new AuthKitEvent.SessionSize(events.now(), session.user().id(), size));
        if (size > MAX_BROWSER_COOKIE_BYTES) {
            LOG.warn("The session cookie of user {} is {} bytes; browsers drop cookies over {} bytes, so this session "
                    + "will not stick. Keep WorkOS user metadata small.", session.user().id(), size, MAX_BROWSER_COOKIE_BYTES);
        }
        return cookie;
    }

    /** The deletion of the session cookie (same name, path and domain, {@code Max-Age=0}). */
    public SetCookie deletion(RequestContext ctx) {
        return cookies.sessionDeletion(ctx);
    }

    /** Whether the request carries a session cookie at all. */
    public boolean present(RequestContext ctx) {
        return ctx.cookies().containsKey(config.cookieName());
    }

    /** The sink of this {@code AuthKit}'s events, for the stages that write or end sessions. */
    public EventSink events() {
        return events;
    }

    public CookieFactory factory() {
        return cookies;
    }

    public CookieSealer sealer() {
        return sealer;
    }

    public String cookieName() {
        return config.cookieName();
    }
}
