package dev.authkit.core;

import dev.authkit.core.internal.policy.PathToRegexp;
import dev.authkit.core.internal.request.UrlPaths;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A route glob of authkit-nextjs's {@code unauthenticatedPaths} and {@code signUpPaths}, with the
 * same meaning: the glob is read as a URL path (so {@code ?} starts a query that is dropped and
 * {@code ..} is resolved), then compiled by path-to-regexp 6.3 rules with its default options:
 * {@code :name} one segment, {@code :name*} zero or more, {@code :name+} one or more,
 * {@code (regex)} a custom pattern, {@code {...}} a group, an optional trailing slash, and
 * case-sensitive matching.
 *
 * <pre>
 * /about            matches /about and /about/, not /about/team
 * /admin/:path*     matches /admin, /admin/ and /admin/a/b, not /administrator
 * /public/:path+    matches /public/a/b, not /public
 * /api/(.*)         matches /api/ and /api/x, not /api
 * </pre>
 *
 * <p>Unlike authkit-nextjs, paths are compared in their one canonical form (percent-decoded,
 * {@code ;parameters} removed, {@code //} collapsed, dot segments resolved), so
 * {@code /%61dmin/x}, {@code /admin;a=b/x} and {@code //admin/x} all count as {@code /admin/x}.
 * Immutable and thread-safe.
 */
public final class PathMatcher {
    private final String glob;
    private final Pattern pattern;
    /** The text every match starts with (see {@link PathToRegexp#literalPrefix}). */
    private final String literalPrefix;
    /** The glob has no parameter or group: {@link #literalPrefix} plus an optional delimiter is all it matches. */
    private final boolean literal;

    private PathMatcher(String glob, Pattern pattern, String literalPrefix, boolean literal) {
        this.glob = glob;
        this.pattern = pattern;
        this.literalPrefix = literalPrefix;
        this.literal = literal;
    }

    /**
     * Compiles a glob once, up front.
     *
     * @throws IllegalArgumentException naming the glob when path-to-regexp (or Java's regular
     *     expressions, for a custom pattern) rejects it
     */
    public static PathMatcher compile(String glob) {
        Objects.requireNonNull(glob, "glob");
        try {
            String path = UrlPaths.globPathAndHash(glob);
            return new PathMatcher(glob, Pattern.compile(PathToRegexp.toRegexSource(path)),
                    PathToRegexp.literalPrefix(path), PathToRegexp.isLiteral(path));
        } catch (IllegalArgumentException e) {
            // PatternSyntaxException is an IllegalArgumentException too
            String reason = e instanceof PatternSyntaxException p ? p.getDescription() : e.getMessage();
            throw new IllegalArgumentException("Invalid route pattern '" + glob + "': " + reason, e);
        }
    }

    /** True if {@code path} (a request path, raw or decoded) matches, after canonicalization. */
    public boolean matches(String path) {
        return matchesCanonical(UrlPaths.canonicalPath(path));
    }

    /** For callers that computed {@code UrlPaths.canonicalPath} once per request. */
    public boolean matchesCanonical(String canonicalPath) {
        if (!canonicalPath.startsWith(literalPrefix)) {
            return false; // most paths stop here, without running the expression
        }
        if (literal) {
            int rest = canonicalPath.length() - literalPrefix.length();
            return rest == 0 || rest == 1 && PathToRegexp.DELIMITER.indexOf(canonicalPath.charAt(literalPrefix.length())) >= 0;
        }
        Matcher m = pattern.matcher(canonicalPath);
        return m.find();
    }

    /** The glob as written. */
    public String glob() {
        return glob;
    }

    /** The compiled regular expression, for diagnostics. */
    public String regex() {
        return pattern.pattern();
    }

    @Override
    public String toString() {
        return "PathMatcher{" + glob + "}";
    }
}
