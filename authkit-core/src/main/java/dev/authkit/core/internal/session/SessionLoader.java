package dev.authkit.core.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Session;
import dev.authkit.core.SessionStore;
import dev.authkit.core.SetCookie;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.request.RequestContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the session of a request in whichever form it came: the plain cookie (authkit-nextjs's
 * seal), the chunked cookies ({@link SessionChunks}), or a plain cookie holding a sealed reference
 * to an entry of the {@link SessionStore}. When both cookie forms hold a session, the one whose
 * access token was issued last (the form written last: every write issues from a newer token or
 * the same one) wins, and the other form is deleted; stale chunks are deleted too.
 *
 * <p>A store entry is sealed with a field naming its id, and a cookie that holds such an entry
 * (copied from the store into a cookie) or a reference to a missing entry reads as no session.
 */
public final class SessionLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLoader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The field of the sealed reference a cookie holds with a store: {@code {"authkitSessionRef": id}}. */
    public static final String REF_FIELD = "authkitSessionRef";
    /** The field of a store entry naming its own id, so an entry opens only under that id. */
    public static final String STORE_ID_FIELD = "storeId";

    /** What the request carries. */
    public enum Kind { NONE, FOUND, UNREADABLE, STORE_UNAVAILABLE }

    /**
     * @param session   the session, when {@code FOUND}
     * @param cacheText the sealed text the session was opened from (the cookie's, the joined chunks', the
     *                  store entry's), a cache key that changes with every write
     * @param bytes     bytes the session's cookies take in the {@code Cookie} header ({@code name=value}, all forms)
     * @param cleanup   deletions of cookies that lost (the older form, stale chunks)
     * @param storeId   the store entry's id, when the session came from the store
     */
    public record Loaded(Kind kind, Optional<Session> session, String cacheText, int bytes, List<SetCookie> cleanup,
                         Optional<String> storeId) {
        public Loaded {
            cleanup = List.copyOf(cleanup);
        }
    }

    private record Candidate(Session session, String cacheText, Optional<String> storeId) {
    }

    private final String cookieName;
    /** {@code <cookie name>.}: a request whose Cookie header holds it may carry chunks (checked once per request). */
    private final String chunkPrefix;
    private final CookieSealer sealer;
    private final Optional<SessionStore> store;
    private final CookieFactory cookies;

    public SessionLoader(String cookieName, CookieSealer sealer, Optional<SessionStore> store, CookieFactory cookies) {
        this.cookieName = cookieName;
        this.chunkPrefix = cookieName + ".";
        this.sealer = sealer;
        this.store = store;
        this.cookies = cookies;
    }

    /** Whether the plain path suffices: no store, and no chunk named in the {@code Cookie} header. */
    public boolean plainOnly(RequestContext ctx) {
        if (store.isPresent()) {
            return false;
        }
        for (String h : ctx.request().headers("Cookie")) {
            if (h != null && h.contains(chunkPrefix)) {
                return false;
            }
        }
        return true;
    }

    public Loaded load(RequestContext ctx) {
        Optional<String> plain = ctx.cookie(cookieName);
        TreeMap<Integer, String> chunks = SessionChunks.present(ctx, cookieName);
        if (plain.isEmpty() && chunks.isEmpty()) {
            return new Loaded(Kind.NONE, Optional.empty(), "", 0, List.of(), Optional.empty());
        }
        int bytes = plain.map(v -> cookieName.length() + 1 + v.length()).orElse(0);
        for (Map.Entry<Integer, String> c : chunks.entrySet()) {
            bytes += SessionChunks.name(cookieName, c.getKey()).length() + 3 + c.getValue().length();
        }
        Optional<Candidate> fromPlain = Optional.empty();
        if (plain.isPresent()) {
            Optional<JsonNode> opened = open(plain.get());
            Optional<String> ref = opened.map(n -> n.path(REF_FIELD)).filter(JsonNode::isTextual).map(JsonNode::asText);
            if (ref.isPresent()) {
                if (store.isEmpty()) {
                    LOG.debug("session cookie holds a store reference but no session store is configured");
                } else {
                    if (!store.get().nonBlocking()) {
                        ctx.mayBlock(); // nothing was done yet: opening the cookie has no effect
                    }
                    try {
                        fromPlain = fromStore(ref.get());
                    } catch (SessionStore.UnavailableException e) {
                        return new Loaded(Kind.STORE_UNAVAILABLE, Optional.empty(), "", bytes, List.of(), Optional.empty());
                    }
                }
            } else {
                fromPlain = opened.flatMap(SessionLoader::cookieSession).map(s -> new Candidate(s, plain.get(), Optional.empty()));
            }
        }
        Optional<SessionChunks.Joined> joined = SessionChunks.join(chunks);
        Optional<Candidate> fromChunks = joined.flatMap(j -> open(j.sealed()))
                .flatMap(SessionLoader::cookieSession).map(s -> new Candidate(s, joined.get().sealed(), Optional.empty()));
        boolean chunksWin = fromChunks.isPresent()
                && (fromPlain.isEmpty() || issuedAt(fromChunks.get()) > issuedAt(fromPlain.get()));
        List<SetCookie> cleanup = new ArrayList<>();
        if (chunksWin) {
            if (plain.isPresent()) {
                cleanup.add(cookies.sessionDeletion(ctx));
            }
            cleanup.addAll(chunkDeletions(ctx, chunks, joined.get().count()));
            return new Loaded(Kind.FOUND, fromChunks.map(Candidate::session), fromChunks.get().cacheText(), bytes, cleanup,
                    Optional.empty());
        }
        cleanup.addAll(chunkDeletions(ctx, chunks, 0));
        if (fromPlain.isPresent()) {
            return new Loaded(Kind.FOUND, fromPlain.map(Candidate::session), fromPlain.get().cacheText(), bytes, cleanup,
                    fromPlain.get().storeId());
        }
        if (plain.isPresent()) {
            cleanup.add(0, cookies.sessionDeletion(ctx));
        }
        return new Loaded(Kind.UNREADABLE, Optional.empty(), "", bytes, cleanup, Optional.empty());
    }

    /** The id of the store entry the request's plain cookie refers to, without reading the store. */
    public Optional<String> storeId(RequestContext ctx) {
        return ctx.cookie(cookieName).flatMap(this::open).map(n -> n.path(REF_FIELD))
                .filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** Deletions of the chunks at index {@code keep} and above, at most {@link SessionChunks#MAX_DELETIONS}. */
    public List<SetCookie> chunkDeletions(RequestContext ctx, TreeMap<Integer, String> chunks, int keep) {
        List<SetCookie> out = new ArrayList<>();
        for (Integer i : chunks.tailMap(keep, true).keySet()) {
            if (out.size() == SessionChunks.MAX_DELETIONS) {
                break;
            }
            out.add(cookies.sessionChunk(ctx, SessionChunks.name(cookieName, i), "").deleted());
        }
        return out;
    }

    private Optional<Candidate> fromStore(String id) {
        Optional<String> stored = store.get().load(id);
        return stored.flatMap(s -> open(s)
                .filter(n -> id.equals(n.path(STORE_ID_FIELD).asText(null)))
                .flatMap(CompactCodec::decode)
                .flatMap(SessionCodec::fromJson)
                .map(session -> new Candidate(session, s, Optional.of(id))));
    }

    private Optional<JsonNode> open(String sealed) {
        return sealer.unseal(sealed).flatMap(text -> {
            try {
                JsonNode n = JSON.readTree(text);
                return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** The session of a cookie's opened JSON: plain or compact; never a store entry or a reference. */
    private static Optional<Session> cookieSession(JsonNode n) {
        if (n.has(STORE_ID_FIELD) || n.has(REF_FIELD)) {
            return Optional.empty();
        }
        if (CompactCodec.isCompact(n)) {
            return CompactCodec.decode(n).flatMap(SessionCodec::fromJson);
        }
        return SessionCodec.fromJson(n.toString());
    }

    private static long issuedAt(Candidate c) {
        return TokenClaims.decodeUnverified(c.session().accessToken()).map(TokenClaims::issuedAt).orElse(0L);
    }
}
