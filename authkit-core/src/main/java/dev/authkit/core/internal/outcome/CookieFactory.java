package dev.authkit.core.internal.outcome;

import dev.authkit.core.internal.request.RequestContext;

import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.SameSite;
import dev.authkit.core.SetCookie;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The attributes of every cookie authkit writes, in one place. */
public final class CookieFactory {
    public static final String VERIFIER_PREFIX = "wos-auth-verifier";
    public static final String EAGER_ACCESS_TOKEN = "workos-access-token";
    /** The sign-in state lives ten minutes, like its cookie. */
    public static final long VERIFIER_MAX_AGE_SECONDS = 600;
    /** The eager access-token cookie is read by page scripts right away, then deleted by them. */
    public static final long EAGER_MAX_AGE_SECONDS = 30;
    /**
     * At most this many verifier cookies are deleted by one response (the five pending sign-ins that
     * trigger a clean-up and the legacy unsuffixed cookie); the rest go with later responses. Someone
     * able to set cookies for the site (a sibling subdomain) could otherwise plant a hundred and make
     * every sign-in response outgrow the servers' 8 KiB header limit.
     */
    public static final int MAX_VERIFIER_DELETIONS = 6;
    /**
     * What the verifier cookies of pending sign-ins may add to the browser's Cookie header, in bytes
     * (of {@code name=value}), after a sign-in start: room for one sign-in with a 1 KiB return path,
     * or a few ordinary ones. With the session cookie the header stays far under the 8 KiB servers
     * accept (Jetty and Tomcat answer 431 beyond it, the clean-up request included).
     */
    public static final int MAX_VERIFIER_COOKIE_BYTES = 2048;

    private final AuthKitConfig config;

    public CookieFactory(AuthKitConfig config) {
        this.config = config;
    }

    /**
     * The session cookie: HttpOnly, {@code Path=/}, SameSite and Domain and Max-Age from the
     * configuration, Secure on HTTPS requests and always with {@code SameSite=None}.
     */
    public SetCookie session(RequestContext ctx, String sealed) {
        return new SetCookie(config.cookieName(), sealed, config.cookieMaxAge().getSeconds(), Optional.of("/"),
                config.cookieDomain(), true, secure(ctx), Optional.of(config.cookieSameSite()));
    }

    /** A chunk of a large session ({@code <cookie name>.<index>}): the session cookie's attributes, another name. */
    public SetCookie sessionChunk(RequestContext ctx, String name, String value) {
        return new SetCookie(name, value, config.cookieMaxAge().getSeconds(), Optional.of("/"), config.cookieDomain(), true,
                secure(ctx), Optional.of(config.cookieSameSite()));
    }

    public SetCookie sessionDeletion(RequestContext ctx) {
        return session(ctx, "").deleted();
    }

    /** A per-flow verifier cookie: like the session cookie, but ten minutes long and Strict relaxed to Lax (the callback is a cross-site navigation). */
    public SetCookie verifier(RequestContext ctx, String name, String value) {
        SameSite sameSite = config.cookieSameSite() == SameSite.NONE ? SameSite.NONE : SameSite.LAX;
        return new SetCookie(name, value, VERIFIER_MAX_AGE_SECONDS, Optional.of("/"), config.cookieDomain(), true,
                secure(ctx), Optional.of(sameSite));
    }

    public SetCookie verifierDeletion(RequestContext ctx, String name) {
        return verifier(ctx, name, "").deleted();
    }

    /** Deletions of the first {@value #MAX_VERIFIER_DELETIONS} of {@code names}. */
    public List<SetCookie> verifierDeletions(RequestContext ctx, List<String> names) {
        List<SetCookie> out = new ArrayList<>();
        for (int i = 0; i < names.size() && i < MAX_VERIFIER_DELETIONS; i++) {
            out.add(verifierDeletion(ctx, names.get(i)));
        }
        return List.copyOf(out);
    }

    /** {@code workos-access-token}: readable by page scripts (no HttpOnly), 30 seconds, Lax. */
    public SetCookie eagerAccessToken(RequestContext ctx, String accessToken) {
        return new SetCookie(EAGER_ACCESS_TOKEN, accessToken, EAGER_MAX_AGE_SECONDS, Optional.of("/"), Optional.empty(),
                false, ctx.isSecure() || config.cookieSecureForced(), Optional.of(SameSite.LAX));
    }

    public SetCookie eagerAccessTokenDeletion(RequestContext ctx) {
        return eagerAccessToken(ctx, "").deleted();
    }

    private boolean secure(RequestContext ctx) {
        return ctx.isSecure() || config.cookieSecureForced();
    }
}
