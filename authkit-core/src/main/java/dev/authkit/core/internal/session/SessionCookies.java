package dev.authkit.core.internal.session;

import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.internal.events.EventSink;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Session;
import dev.authkit.core.SessionStore;
import dev.authkit.core.SetCookie;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.request.RequestContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session cookie as a value: the one writer of it, in the form the session needs, and of its
 * deletion; the plain reading of it for flows that need the session without verifying it (sign-out
 * reads the session id).
 *
 * <p>Forms, tried in this order on every write:
 * <ol>
 * <li>with a {@link SessionStore}: the session, compacted and sealed, goes to the store under a
 *     random id (kept across refreshes, new at every sign-in), and the cookie holds the sealed id
 *     (about 300 bytes). If the store cannot take it, the cookie forms below keep the session;</li>
 * <li>the plain cookie, exactly as authkit-nextjs writes it, when its {@code Set-Cookie} fits in
 *     {@value #MAX_BROWSER_COOKIE_BYTES} bytes;</li>
 * <li>chunks ({@link SessionChunks}) of the compact encoding ({@link CompactCodec});</li>
 * <li>none: the session is too large for cookies ({@link Written#tooLarge()}); the caller answers an
 *     error page naming the session store.</li>
 * </ol>
 * Every write and every deletion deletes the cookies of the other forms the request carries
 * (stale chunks included), so the form written last is the only one left.
 */
public final class SessionCookies {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCookies.class);
    /** Browsers keep cookies up to this size (name, value and attributes). */
    public static final int MAX_BROWSER_COOKIE_BYTES = 4096;
    /** Past this size of a session's cookies a warning is logged (at most once a minute): chunking's limit is near. */
    public static final int WARN_BYTES = 3500;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What a write sets.
     *
     * @param cookies  the cookies to set and delete
     * @param bytes    the session's size: the {@code Set-Cookie} values of its cookie form, or the store entry
     * @param tooLarge the session fits in no form: {@code cookies} only delete the request's session cookies
     */
    public record Written(List<SetCookie> cookies, int bytes, boolean tooLarge) {
        public Written {
            cookies = List.copyOf(cookies);
        }
    }

    private final AuthKitConfig config;
    private final CookieSealer sealer;
    private final CookieFactory cookies;
    private final Optional<SessionStore> store;
    private final SessionLoader loader;
    private final RateLimitedLog sizeLog;

    private final EventSink events;
    private final Clock clock;
    private final boolean timed;

    /** @param timed an idle or absolute limit is set: every write stamps the sign-in and last-seen times */
    public SessionCookies(AuthKitConfig config, CookieSealer sealer, CookieFactory cookies, Optional<SessionStore> store,
                          Clock clock, EventSink events, boolean timed) {
        this.events = events;
        this.clock = clock;
        this.timed = timed;
        this.config = config;
        this.sealer = sealer;
        this.cookies = cookies;
        this.store = store;
        this.loader = new SessionLoader(config.cookieName(), sealer, store, cookies);
        this.sizeLog = new RateLimitedLog(LOG, clock, Duration.ofMinutes(1));
    }

    /** The session the request carries in any form, unverified; empty when absent, unreadable or the store is down. */
    public Optional<Session> read(RequestContext ctx) {
        return loader.load(ctx).session();
    }

    public SessionLoader loader() {
        return loader;
    }

    /**
     * The cookies that store {@code session}.
     *
     * @param newSession true at a sign-in: a store entry gets a new id (a reference planted before the
     *                   sign-in never reads the new session); false for a refresh, which keeps the id
     */
    public Written write(RequestContext ctx, Session session, boolean newSession) {
        if (store.isPresent() && !store.get().nonBlocking()) {
            ctx.mayBlock();
        }
        Written written = writeForms(ctx, stamped(session), newSession);
        events.emit(new AuthKitEvent.SessionSize(events.now(), session.user().id(), written.bytes()));
        return written;
    }

    private Written writeForms(RequestContext ctx, Session session, boolean newSession) {
        String json = SessionCodec.toJson(session);
        TreeMap<Integer, String> chunks = SessionChunks.present(ctx, config.cookieName());
        if (store.isPresent()) {
            Optional<String> previous = loader.storeId(ctx);
            String id = newSession ? null : previous.orElse(null);
            if (id == null) {
                byte[] b = new byte[32];
                RANDOM.nextBytes(b);
                id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            }
            ObjectNode entry = CompactCodec.encode(json).put(SessionLoader.STORE_ID_FIELD, id);
            String sealed = sealer.seal(entry.toString(), Duration.ZERO);
            try {
                store.get().save(id, sealed, config.cookieMaxAge());
                if (newSession && previous.isPresent() && !previous.get().equals(id)) {
                    // a new sign-in replaces the browser's previous session: its entry goes now, not at its expiry
                    deleteEntry(previous.get());
                }
                String ref = sealer.seal("{\"" + SessionLoader.REF_FIELD + "\":\"" + id + "\"}", Duration.ZERO);
                List<SetCookie> out = new ArrayList<>();
                out.add(cookies.session(ctx, ref));
                out.addAll(loader.chunkDeletions(ctx, chunks, 0));
                return new Written(out, sealed.length(), false);
            } catch (SessionStore.UnavailableException e) {
                sizeLog.warn("store", "The session store could not save a session ({}); keeping it in cookies instead",
                        e.getMessage());
            }
        }
        SetCookie plain = cookies.session(ctx, sealer.seal(json, Duration.ZERO));
        int plainBytes = plain.headerValue().length();
        warnIfLarge(plainBytes);
        if (plainBytes <= MAX_BROWSER_COOKIE_BYTES) {
            List<SetCookie> out = new ArrayList<>();
            out.add(plain);
            out.addAll(loader.chunkDeletions(ctx, chunks, 0));
            return new Written(out, plainBytes, false);
        }
        String compact = sealer.seal(CompactCodec.encode(json).toString(), Duration.ZERO);
        String lastName = SessionChunks.name(config.cookieName(), SessionChunks.MAX_CHUNKS - 1);
        int attributes = cookies.sessionChunk(ctx, lastName, "").headerValue().length();
        Optional<List<String>> parts = SessionChunks.split(compact, MAX_BROWSER_COOKIE_BYTES - attributes);
        int total = 0;
        List<SetCookie> out = new ArrayList<>();
        for (int i = 0; parts.isPresent() && i < parts.get().size(); i++) {
            SetCookie chunk = cookies.sessionChunk(ctx, SessionChunks.name(config.cookieName(), i), parts.get().get(i));
            total += chunk.name().length() + 1 + chunk.value().length() + (i == 0 ? 0 : 2);
            out.add(chunk);
        }
        if (parts.isEmpty() || total > SessionChunks.MAX_TOTAL_BYTES) {
            sizeLog.warn("too-large", "The session of user {} is too large for cookies: {} bytes compacted and sealed, "
                    + "over the {} bytes that keep a request under the servers' 8 KiB header limit. The user sees an error "
                    + "page. Configure a server-side session store (AUTHKIT_SESSION_STORE_URI, AuthKit.Builder.sessionStore, "
                    + "e.g. RedisSessionStore from authkit-redis) to keep sessions of any size.",
                    session.user().id(), compact.length(), SessionChunks.MAX_TOTAL_BYTES);
            return new Written(deletion(ctx), compact.length(), true);
        }
        if (ctx.cookies().containsKey(config.cookieName())) {
            out.add(cookies.sessionDeletion(ctx));
        }
        out.addAll(loader.chunkDeletions(ctx, chunks, parts.get().size()));
        return new Written(out, total, false);
    }

    /** The plain form alone (authkit-nextjs's cookie), whatever its size: for custom flows that set one cookie. */
    public SetCookie plain(RequestContext ctx, Session session) {
        SetCookie plain = cookies.session(ctx, sealer.seal(SessionCodec.toJson(stamped(session)), Duration.ZERO));
        warnIfLarge(plain.headerValue().length());
        return plain;
    }

    /** With a limit set: the sign-in time kept (now for a new or adopted session), last seen now; else neither. */
    private Session stamped(Session session) {
        if (!timed) {
            return session.withTimes(Optional.empty(), Optional.empty());
        }
        java.time.Instant now = java.time.Instant.ofEpochSecond(clock.instant().getEpochSecond());
        return session.withTimes(Optional.of(session.signedInAt().orElse(now)), Optional.of(now));
    }

    private void warnIfLarge(int bytes) {
        if (bytes > WARN_BYTES) {
            sizeLog.warn("large", "A session cookie is {} bytes. Over {} bytes it is split into chunks (the compact form, "
                    + "up to {} bytes in all); past that, sign-in fails with an error page. A server-side session store "
                    + "(AUTHKIT_SESSION_STORE_URI) keeps sessions of any size.", bytes, MAX_BROWSER_COOKIE_BYTES,
                    SessionChunks.MAX_TOTAL_BYTES);
        }
    }

    /**
     * The deletion of every form of the session the request carries: the plain cookie (always, as
     * authkit-nextjs deletes it) and every chunk present (at most {@link SessionChunks#MAX_DELETIONS}).
     * The store entry is not touched here: see {@link #end}.
     */
    public List<SetCookie> deletion(RequestContext ctx) {
        List<SetCookie> out = new ArrayList<>();
        out.add(cookies.sessionDeletion(ctx));
        out.addAll(loader.chunkDeletions(ctx, SessionChunks.present(ctx, config.cookieName()), 0));
        return out;
    }

    /**
     * Ends the session for good: deletes its store entry (so a copied cookie is dead on every
     * instance) and answers the deletion of its cookies. A store that cannot be reached is logged;
     * the entry then expires with the cookie's max age.
     */
    public List<SetCookie> end(RequestContext ctx) {
        if (store.isPresent()) {
            Optional<String> id = loader.storeId(ctx);
            if (id.isPresent() && !store.get().nonBlocking()) {
                // not reached inline in practice: reading a session from a blocking store declined first
                ctx.mayBlock();
            }
            id.ifPresent(this::deleteEntry);
        }
        return deletion(ctx);
    }

    private void deleteEntry(String id) {
        try {
            store.get().delete(id);
        } catch (SessionStore.UnavailableException e) {
            sizeLog.warn("delete", "The session store could not delete an ended session ({}); it expires with the "
                    + "cookie's max age", e.getMessage());
        }
    }

    /** Whether the request carries a session cookie in any form. */
    public boolean present(RequestContext ctx) {
        return ctx.cookies().containsKey(config.cookieName()) || !SessionChunks.present(ctx, config.cookieName()).isEmpty();
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
