package dev.authkit.core.internal.request;

import dev.authkit.core.AuthKitRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the core reads from one request, computed once: method, origin, raw path and query, the
 * canonical path, cookies, and whether the request is a browser's initial document load.
 *
 * @param request       the adapter's request
 * @param method        upper-case method
 * @param scheme        {@code http} or {@code https}
 * @param origin        {@code scheme://host[:port]}
 * @param rawPath       the path as sent, percent-encoded
 * @param rawQuery      the query as sent, without {@code ?}; empty when none
 * @param canonicalPath see {@link UrlPaths#canonicalPath}; the whole path, context path included
 * @param contextPath   the canonical {@link AuthKitRequest#contextPath()}: {@code ""} or {@code /app}, no trailing slash
 * @param appPath       {@code canonicalPath} relative to {@code contextPath}, what route globs and built-in routes
 *                      are matched against ({@code /app/x} under {@code /app} is {@code /x}; the context root is {@code /})
 * @param cookieHeaders the request's {@code Cookie} headers, read on demand (most requests need one cookie)
 * @param inline        the request runs where it must not block (an event loop): every stage calls
 *                      {@link #mayBlock()} before a step that may, see there
 * @param answered      an inline run's counts, made once it answers ({@link #afterwards}); empty otherwise
 */
public record RequestContext(AuthKitRequest request, String method, String scheme, String origin, String rawPath,
                             String rawQuery, String canonicalPath, String contextPath, String appPath,
                             List<String> cookieHeaders, boolean inline, List<Runnable> answered) {

    /** A request on a thread that may block (the servlet containers' request threads, a worker). */
    public static RequestContext of(AuthKitRequest request) {
        return of(request, false);
    }

    /** @param inline see {@link #inline()}: true only where blocking is not allowed */
    public static RequestContext of(AuthKitRequest request, boolean inline) {
        String url = request.url();
        String scheme = "http";
        String rest = url == null ? "/" : url;
        int sep = rest.indexOf("://");
        if (sep > 0) {
            scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
            rest = rest.substring(sep + 3);
        }
        int pathStart = indexOfAny(rest, "/?#");
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String pathAndQuery = pathStart < 0 ? "/" : rest.substring(pathStart);
        int hash = pathAndQuery.indexOf('#');
        if (hash >= 0) {
            pathAndQuery = pathAndQuery.substring(0, hash);
        }
        int q = pathAndQuery.indexOf('?');
        String rawPath = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String rawQuery = q < 0 ? "" : pathAndQuery.substring(q + 1);
        if (!rawPath.startsWith("/")) {
            rawPath = "/" + rawPath;
        }
        String origin = scheme + "://" + authority.substring(authority.lastIndexOf('@') + 1);
        String canonicalPath = UrlPaths.canonicalPath(rawPath);
        String contextPath = contextPath(request.contextPath());
        return new RequestContext(request, request.method().toUpperCase(Locale.ROOT), scheme, origin, rawPath, rawQuery,
                canonicalPath, contextPath, appPath(canonicalPath, contextPath), request.headers("Cookie"), inline,
                inline ? new java.util.ArrayList<>(2) : List.of());
    }

    /**
     * The rule of an inline run, called by a stage just before a step that may block (a call to
     * WorkOS, a JWKS fetch, a blocking store or revocation list) and before that step's first side
     * effect (a cookie written, an event emitted, a store touched): returns when the request may
     * block; in an inline run throws {@link WouldBlock}, and the whole request is then run again on
     * a worker. A stage must therefore do nothing before this call that it would not do the same
     * way twice (computing, reading caches, filling a cache with the same value).
     *
     * @throws WouldBlock when {@link #inline()}
     */
    public void mayBlock() {
        if (inline) {
            throw WouldBlock.INSTANCE;
        }
    }

    /**
     * For an inline run: {@code count} (a cache lookup's count in the stats) is made once the run
     * answers ({@link #settle()}), so that a run that declines counts nothing and its worker run
     * counts the lookup once. Outside an inline run the lookup counts itself; do not call it there.
     */
    public void afterwards(Runnable count) {
        answered.add(count);
    }

    /** Makes the counts of {@link #afterwards}: called by the pipeline once an inline run answered. */
    public void settle() {
        for (Runnable r : answered) {
            r.run();
        }
    }

    private static String contextPath(String declared) {
        if (declared == null || declared.isEmpty() || declared.equals("/")) {
            return "";
        }
        String canonical = UrlPaths.canonicalPath(declared.startsWith("/") ? declared : "/" + declared);
        return canonical.endsWith("/") ? canonical.substring(0, canonical.length() - 1) : canonical;
    }

    /** The path below the context path; a path outside it (a misbehaving adapter) is matched as it is. */
    private static String appPath(String canonicalPath, String contextPath) {
        if (contextPath.isEmpty()) {
            return canonicalPath;
        }
        if (canonicalPath.equals(contextPath)) {
            return "/";
        }
        return canonicalPath.startsWith(contextPath + "/") ? canonicalPath.substring(contextPath.length()) : canonicalPath;
    }

    /** {@code canonicalPath} (a canonical path on this origin) relative to this request's context path. */
    public String appPathOf(String canonicalPath) {
        return appPath(canonicalPath, contextPath);
    }

    /** The sign-in signals of this request (IP address and user agent) for WorkOS. */
    public Signals signals() {
        return Signals.of(request);
    }

    /** The application's root path: {@code /} without a context path, {@code /app/} under {@code /app}. */
    public String rootPath() {
        return contextPath + "/";
    }

    public boolean isSecure() {
        return scheme.equals("https");
    }

    /** The path and query as sent, for a return path: {@code /admin?tab=1}. */
    public String pathAndQuery() {
        return rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
    }

    /** The request's cookies, decoded (see {@link Cookies#parse}). */
    public Map<String, String> cookies() {
        return Cookies.parse(cookieHeaders);
    }

    /** The decoded value of the first cookie named {@code name}. */
    public Optional<String> cookie(String name) {
        return rawCookie(name).map(Cookies.Raw::value);
    }

    /** The first cookie named {@code name} as sent, before decoding. */
    public Optional<Cookies.Raw> rawCookie(String name) {
        return Cookies.find(cookieHeaders, name);
    }

    /** A GET or HEAD, answered with 307; anything else gets 303 so the browser follows with a GET. */
    public int redirectStatus() {
        return method.equals("GET") || method.equals("HEAD") ? 307 : 303;
    }

    /**
     * A browser's initial page load, where setting cookies for a sign-in flow or an eager access
     * token makes sense: {@code Accept} includes {@code text/html}, and it is no prefetch and no
     * client-side navigation ({@code RSC}, {@code Next-Router-State-Tree}, {@code Purpose: prefetch},
     * {@code Sec-Purpose: prefetch}, {@code Next-Router-Prefetch}).
     */
    public boolean isDocumentRequest() {
        boolean html = request.headers("Accept").stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains("text/html"));
        if (!html) {
            return false;
        }
        for (String h : List.of("RSC", "Next-Router-State-Tree", "Next-Router-Prefetch")) {
            if (!request.headers(h).isEmpty()) {
                return false;
            }
        }
        return request.headers("Purpose").stream().noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("prefetch"))
                && request.headers("Sec-Purpose").stream().noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("prefetch"));
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
