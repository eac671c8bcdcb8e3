package dev.authkit.core.internal.policy;

import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.PathMatcher;
import dev.authkit.core.ScreenHint;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.request.UrlPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Route protection rules read from the request's path: which paths are public (the redirect URI's
 * absolute path, and the {@code unauthenticatedPaths} globs relative to the context path) and
 * which open sign-in on the sign-up screen ({@code signUpPaths}).
 */
public final class RouteRules {
    private final List<PathMatcher> unauthenticatedPaths;
    private final List<PathMatcher> signUpPaths;
    private final String redirectPath;
    private final java.util.Set<String> redirectPaths;
    private final List<Map.Entry<PathMatcher, Duration>> recentSignInPaths;

    /**
     * @param redirectRawPath   the default redirect URI's raw path, context path included
     * @param otherRedirectPaths the raw paths of the other listed redirect URIs (several domains)
     * @param recentSignInPaths globs (relative to the context path) that need a sign-in at most this long ago
     * @throws AuthKitConfigException for a glob that does not compile, naming the option and the glob
     */
    public RouteRules(List<String> unauthenticatedPaths, List<String> signUpPaths, String redirectRawPath,
                      List<String> otherRedirectPaths, List<Map.Entry<String, Duration>> recentSignInPaths) {
        this.unauthenticatedPaths = compile(unauthenticatedPaths, "unauthenticatedPaths");
        this.signUpPaths = compile(signUpPaths, "signUpPaths");
        this.redirectPath = UrlPaths.canonicalPath(redirectRawPath);
        java.util.Set<String> paths = new java.util.LinkedHashSet<>();
        paths.add(redirectPath);
        otherRedirectPaths.forEach(p -> paths.add(UrlPaths.canonicalPath(p)));
        this.redirectPaths = java.util.Set.copyOf(paths);
        List<Map.Entry<PathMatcher, Duration>> recent = new ArrayList<>();
        for (Map.Entry<String, Duration> e : recentSignInPaths) {
            compile(List.of(e.getKey()), "recentSignInPaths").forEach(m -> recent.add(Map.entry(m, e.getValue())));
        }
        this.recentSignInPaths = List.copyOf(recent);
    }

    /** Whether the callback is answered at this canonical path: the path of any listed redirect URI. */
    public boolean isRedirectPath(String canonicalPath) {
        return redirectPaths.contains(canonicalPath);
    }

    /** The shortest age of the {@code recentSignInPaths} globs this request's path matches; empty for none. */
    public Optional<Duration> recentSignInAge(RequestContext ctx) {
        Duration shortest = null;
        for (Map.Entry<PathMatcher, Duration> e : recentSignInPaths) {
            if (e.getKey().matchesCanonical(ctx.appPath()) && (shortest == null || e.getValue().compareTo(shortest) < 0)) {
                shortest = e.getValue();
            }
        }
        return Optional.ofNullable(shortest);
    }

    /** The canonical path of the redirect URI, where the callback is answered. */
    public String redirectPath() {
        return redirectPath;
    }

    /** The redirect URI's path (absolute, as configured) or a public glob (relative to the context path). */
    public boolean isPublic(RequestContext ctx) {
        return redirectPaths.contains(ctx.canonicalPath()) || matchesAny(unauthenticatedPaths, ctx.appPath());
    }

    /**
     * The screen a sign-in for {@code path} (as sent: context path included, any query) opens on:
     * sign-up for the sign-up globs, which are relative to the context path.
     */
    public ScreenHint screenFor(RequestContext ctx, String path) {
        int q = path.indexOf('?');
        String p = q >= 0 ? path.substring(0, q) : path;
        return matchesAny(signUpPaths, ctx.appPathOf(UrlPaths.canonicalPath(p))) ? ScreenHint.SIGN_UP : ScreenHint.SIGN_IN;
    }

    private static boolean matchesAny(List<PathMatcher> matchers, String canonicalPath) {
        for (PathMatcher m : matchers) {
            if (m.matchesCanonical(canonicalPath)) {
                return true;
            }
        }
        return false;
    }

    private static List<PathMatcher> compile(List<String> globs, String option) {
        List<PathMatcher> out = new ArrayList<>();
        for (String g : globs) {
            try {
                out.add(PathMatcher.compile(g));
            } catch (IllegalArgumentException e) {
                throw new AuthKitConfigException(option + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}
