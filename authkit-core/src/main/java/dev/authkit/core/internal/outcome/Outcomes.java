package dev.authkit.core.internal.outcome;

import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.SetCookie;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one home of the cache rule and of outcome assembly: which {@code Vary} and
 * {@code Cache-Control} headers go with a session, a bearer token or a sign-in, and how an outcome
 * gains cookies and headers on its way out of the pipeline.
 */
public final class Outcomes {
    /** {@code Vary: Cookie} and no-store: every answer that involves the session cookie or a sign-in. */
    private static final List<Header> NO_STORE = List.of(new Header("Vary", "Cookie"),
            new Header("Cache-Control", Outcome.NO_STORE));
    /** The same when the request also carried {@code Authorization}. */
    private static final List<Header> NO_STORE_COOKIE_AUTHORIZATION = List.of(new Header("Vary", "Cookie, Authorization"),
            new Header("Cache-Control", Outcome.NO_STORE));
    /** Answers decided by a bearer token alone. */
    private static final List<Header> NO_STORE_AUTHORIZATION = List.of(new Header("Vary", "Authorization"),
            new Header("Cache-Control", Outcome.NO_STORE));

    /**
     * On every answer authkit renders itself (JSON, error pages, the client script): browsers must
     * not guess another type from the body (a JSON value read as HTML or script).
     */
    public static final Header NOSNIFF = new Header("X-Content-Type-Options", "nosniff");
    /** A JSON answer's headers: no-store and nosniff. */
    private static final List<Header> JSON_HEADERS = List.of(new Header("Vary", "Cookie"),
            new Header("Cache-Control", Outcome.NO_STORE), NOSNIFF);

    private Outcomes() {
    }

    /** {@code headers} plus {@link #NOSNIFF}: for every body authkit renders. */
    public static List<Header> rendered(List<Header> headers) {
        return withDefaults(headers, List.of(NOSNIFF));
    }

    public static List<Header> noStore() {
        return NO_STORE;
    }

    /** For answers decided by an {@code Authorization: Bearer} token, which no shared cache may keep. */
    public static List<Header> bearerNoStore() {
        return NO_STORE_AUTHORIZATION;
    }

    /**
     * The headers of a request that continues to the application: none when neither a session
     * cookie nor an {@code Authorization} header is involved (a public page stays cacheable),
     * else {@code Vary} on what was involved and no-store, so no cache shares a user's page.
     */
    public static List<Header> forSession(boolean cookiePresent, boolean authorizationHeader, boolean signedIn) {
        if (!cookiePresent && !authorizationHeader && !signedIn) {
            return List.of();
        }
        return authorizationHeader ? NO_STORE_COOKIE_AUTHORIZATION : NO_STORE;
    }

    /** A JSON answer of authkit's, never cached. */
    public static Outcome.Respond json(int status, String body, List<SetCookie> cookies) {
        return new Outcome.Respond(status, "application/json", body, cookies, JSON_HEADERS);
    }

    /** {@code o} with more cookies and headers, appended. */
    public static Outcome withExtras(Outcome o, List<SetCookie> extraCookies, List<Header> extraHeaders) {
        List<SetCookie> c = concat(o.cookies(), extraCookies);
        List<Header> h = new ArrayList<>(o.headers());
        h.addAll(extraHeaders);
        if (o instanceof Outcome.Redirect r) {
            return new Outcome.Redirect(r.location(), r.status(), c, h);
        }
        if (o instanceof Outcome.Respond r) {
            return new Outcome.Respond(r.status(), r.contentType(), r.body(), c, h, r.problem());
        }
        Outcome.Continue k = (Outcome.Continue) o;
        return new Outcome.Continue(k.auth(), c, h);
    }

    /** {@code o} with more cookies and those of {@code headers} it does not already have. */
    public static Outcome merged(Outcome o, List<SetCookie> cookies, List<Header> headers) {
        List<Header> extra = new ArrayList<>();
        for (Header h : headers) {
            if (o.headers().stream().noneMatch(x -> x.name().equalsIgnoreCase(h.name()))) {
                extra.add(h);
            }
        }
        return withExtras(o, cookies, extra);
    }

    /** {@code headers} plus those of {@code defaults} whose name it does not have. */
    public static List<Header> withDefaults(List<Header> headers, List<Header> defaults) {
        List<Header> h = new ArrayList<>(headers);
        for (Header extra : defaults) {
            if (h.stream().noneMatch(x -> x.name().equalsIgnoreCase(extra.name()))) {
                h.add(extra);
            }
        }
        return h;
    }

    public static List<SetCookie> concat(List<SetCookie> a, List<SetCookie> b) {
        List<SetCookie> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }

    /** The problem of an outcome authkit rendered as an error, if it is one. */
    public static Optional<dev.authkit.core.Problem> problem(Outcome o) {
        return o instanceof Outcome.Respond r ? r.problem() : Optional.empty();
    }
}
