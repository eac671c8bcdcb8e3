package dev.authkit.core.internal.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.core.AccessRule;
import dev.authkit.core.Auth;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.Problem;
import dev.authkit.core.Routes;
import dev.authkit.core.ScreenHint;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.events.EventSink;
import dev.authkit.core.internal.flow.SignInFlow;
import dev.authkit.core.internal.outcome.CookieFactory;
import dev.authkit.core.internal.outcome.ErrorPages;
import dev.authkit.core.internal.outcome.Outcomes;
import dev.authkit.core.internal.policy.RouteRules;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.session.Resolution;
import dev.authkit.core.internal.session.SessionCookies;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protection decision, one home for every "may this request go on": route protection of the
 * middleware, {@link AccessRule}s of the adapters' annotations, and the answers when it may not
 * (sign in, forbidden, WorkOS unavailable), with one set of messages.
 */
public final class Decisions {
    private static final Logger LOG = LoggerFactory.getLogger(Decisions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The error code of {@link #recentSignInRequired}, for scripts and the browser client. */
    public static final String RECENT_SIGN_IN_REQUIRED = "recent_sign_in_required";

    private final boolean middlewareAuth;
    private final boolean eagerAuth;
    private final RouteRules rules;
    private final Routes routes;
    private final SignInFlow signIn;
    private final CookieFactory cookies;
    private final DecisionLog decisions;
    private final Clock clock;
    private final EventSink events;

    public Decisions(boolean middlewareAuth, boolean eagerAuth, RouteRules rules, Routes routes, SignInFlow signIn,
                     CookieFactory cookies, Clock clock, EventSink events, boolean debug) {
        this.clock = clock;
        this.events = events;
        this.middlewareAuth = middlewareAuth;
        this.eagerAuth = eagerAuth;
        this.rules = rules;
        this.routes = routes;
        this.signIn = signIn;
        this.cookies = cookies;
        this.decisions = new DecisionLog(LOG, debug);
    }

    /**
     * The middleware's decision for a request that reached the application's routes: continue with
     * its {@link Auth}, or, when route protection is on and the path is not public and nobody is
     * signed in, sign-in required (or 503 while WorkOS cannot refresh a stale session).
     */
    public Outcome decide(RequestContext ctx, Resolution session, List<Header> headers) {
        List<SetCookie> out = new ArrayList<>(session.cookies());
        Auth auth = session.auth();
        Optional<Duration> recent = rules.recentSignInAge(ctx);
        if (!auth.isSignedIn() && (recent.isPresent() || (middlewareAuth && !rules.isPublic(ctx)))) {
            if (session.tooLarge()) {
                decisions.decide("refreshed session too large for cookies on protected route " + ctx.rawPath()
                        + ": error page, cookies cleared");
                return Outcomes.merged(ErrorPages.sessionTooLarge(ctx, out), List.of(), headers);
            }
            if (session.unavailable()) {
                decisions.decide("WorkOS unavailable while refreshing the session on protected route " + ctx.rawPath()
                        + ": 503, cookie kept");
                return ErrorPages.unavailable(ctx, out, headers);
            }
            if (eagerAuth && session.ended() && ctx.cookies().containsKey(CookieFactory.EAGER_ACCESS_TOKEN)) {
                out.add(cookies.eagerAccessTokenDeletion(ctx));
            }
            decisions.decide("Unauthenticated user on protected route " + ctx.rawPath() + ", sign-in required");
            return Outcomes.merged(signInRequired(ctx, ctx.pathAndQuery(), rules.screenFor(ctx, ctx.canonicalPath()), recent),
                    out, headers);
        }
        if (recent.isPresent() && !auth.isRecentlyAuthenticated(recent.get(), clock.instant())) {
            decisions.decide("Sign-in older than " + recent.get().getSeconds() + " s on route " + ctx.rawPath()
                    + ", recent sign-in required");
            return Outcomes.merged(recentSignInRequired(ctx, recent.get()), out, headers);
        }
        if (eagerAuth) {
            eagerCookie(ctx, session).ifPresent(out::add);
        }
        return new Outcome.Continue(auth, out, headers);
    }

    /** Sign-in required for this request's own path and query, on the screen its path asks for. */
    public Outcome signInRequired(RequestContext ctx) {
        return signInRequired(ctx, ctx.pathAndQuery(), rules.screenFor(ctx, ctx.canonicalPath()));
    }

    /**
     * A browser's page load is redirected to AuthKit with the verifier cookie (307 after GET or
     * HEAD, 303 otherwise), returning to {@code returnTo}; anything else gets 401 JSON with
     * {@code signInUrl} (this application's sign-in route) and {@code WWW-Authenticate}.
     */
    public Outcome signInRequired(RequestContext ctx, String returnTo, ScreenHint hint) {
        return signInRequired(ctx, returnTo, hint, Optional.empty());
    }

    private Outcome signInRequired(RequestContext ctx, String returnTo, ScreenHint hint, Optional<Duration> maxAge) {
        events.emit(new AuthKitEvent.SignInRequired(events.now(), ctx.appPath(), ctx.isDocumentRequest()));
        if (ctx.isDocumentRequest()) {
            return signInRedirect(ctx, returnTo, hint, maxAge);
        }
        ObjectNode body = JSON.createObjectNode().put("error", "unauthorized").put("message", "Sign in to continue.")
                .put("signInUrl", signInUrlFor(ctx, returnTo, hint, maxAge));
        List<Header> h = new ArrayList<>(Outcomes.rendered(Outcomes.noStore()));
        h.add(new Header("WWW-Authenticate", "Bearer realm=\"authkit\""));
        return new Outcome.Respond(401, "application/json", body.toString(), List.of(), h,
                Optional.of(new Problem("unauthorized", "Sign in to continue.")));
    }

    /**
     * Step-up: the caller is signed in, but longer ago than {@code maxAge}. A browser's page load is
     * sent through sign-in with {@code max_age} and back to this page; anything else gets RFC 9470's
     * 401 with {@code WWW-Authenticate: Bearer error="insufficient_user_authentication",
     * error_description=.., max_age=<seconds>} and JSON {@code {"error":"recent_sign_in_required",
     * "maxAge":<seconds>,"signInUrl":..}}.
     */
    public Outcome recentSignInRequired(RequestContext ctx, Duration maxAge) {
        ScreenHint hint = ScreenHint.SIGN_IN;
        if (ctx.isDocumentRequest()) {
            return signInRedirect(ctx, ctx.pathAndQuery(), hint, Optional.of(maxAge));
        }
        long seconds = maxAge.getSeconds();
        String message = "Sign in again to continue: this needs a sign-in within the last " + seconds + " seconds.";
        ObjectNode body = JSON.createObjectNode().put("error", RECENT_SIGN_IN_REQUIRED).put("message", message)
                .put("maxAge", seconds).put("signInUrl", signInUrlFor(ctx, ctx.pathAndQuery(), hint, Optional.of(maxAge)));
        List<Header> h = new ArrayList<>(Outcomes.rendered(Outcomes.noStore()));
        h.add(new Header("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", error_description=\""
                + "A more recent sign-in is required\", max_age=" + seconds));
        return new Outcome.Respond(401, "application/json", body.toString(), List.of(), h,
                Optional.of(new Problem(RECENT_SIGN_IN_REQUIRED, message)));
    }

    private Outcome signInRedirect(RequestContext ctx, String returnTo, ScreenHint hint, Optional<Duration> maxAge) {
        SignInOptions options = SignInOptions.builder().screenHint(hint).returnTo(returnTo).maxAge(maxAge.orElse(null)).build();
        AuthorizationRedirect redirect = signIn.authorization(ctx, options, true);
        return new Outcome.Redirect(redirect.url(), ctx.redirectStatus(), redirect.cookies(), Outcomes.noStore());
    }

    /** 403 with one sentence for the user; a page for a browser's page load, JSON otherwise. */
    public Outcome forbidden(RequestContext ctx, String reason) {
        return ErrorPages.of(ctx, 403, "forbidden", reason);
    }

    /** Whether {@code auth} may do what {@code rule} demands: empty when it may, else the answer instead. */
    public Optional<Outcome> authorize(RequestContext ctx, Auth auth, AccessRule rule) {
        if (rule.kind() == AccessRule.Kind.PERMIT_ALL) {
            return Optional.empty();
        }
        if (rule.kind() == AccessRule.Kind.DENY_ALL) {
            return Optional.of(forbidden(ctx, "Nobody may use this."));
        }
        if (!auth.isSignedIn()) {
            return Optional.of(signInRequired(ctx));
        }
        if (rule.allowsNoRole()) {
            return Optional.of(forbidden(ctx, "No role may use this."));
        }
        if (!rule.anyRole().isEmpty() && rule.anyRole().stream().noneMatch(auth::hasRole)) {
            return Optional.of(forbidden(ctx, "You need the role " + String.join(" or ", rule.anyRole())
                    + " in this organization."));
        }
        List<String> missing = rule.allPermissions().stream().filter(p -> !auth.hasPermission(p)).toList();
        if (!missing.isEmpty()) {
            return Optional.of(forbidden(ctx, "You need the permission " + String.join(" and ", missing) + "."));
        }
        Optional<Duration> within = rule.signedInWithin();
        if (within.isPresent() && !auth.isRecentlyAuthenticated(within.get(), clock.instant())) {
            return Optional.of(recentSignInRequired(ctx, within.get()));
        }
        return Optional.empty();
    }

    /**
     * The step-up rule of the route for a request a bearer token already decided: a token whose
     * sign-in is older than the path's {@code recentSignInPaths} age gets {@link #recentSignInRequired};
     * any other outcome is kept.
     */
    public Outcome stepUp(RequestContext ctx, Outcome decided) {
        Optional<Duration> recent = rules.recentSignInAge(ctx);
        if (recent.isPresent() && decided instanceof Outcome.Continue c && !isRecent(c.auth(), recent.get())) {
            decisions.decide("Bearer token sign-in older than " + recent.get().getSeconds() + " s on route " + ctx.rawPath());
            return recentSignInRequired(ctx, recent.get());
        }
        return decided;
    }

    /** Whether {@code auth} signed in at most {@code maxAge} ago, by this AuthKit's clock. */
    public boolean isRecent(Auth auth, Duration maxAge) {
        return auth.isRecentlyAuthenticated(maxAge, clock.instant());
    }

    /** The screen a sign-in returning to {@code path} opens on. */
    public ScreenHint screenFor(RequestContext ctx, String path) {
        return rules.screenFor(ctx, path);
    }

    /**
     * Where a script sends the browser to sign in: this application's sign-in (or sign-up) route,
     * which sets the verifier cookie when the browser arrives; without such routes, AuthKit's URL
     * itself (which then cannot set a cookie, so configure the routes for scripts).
     */
    private String signInUrlFor(RequestContext ctx, String returnTo, ScreenHint hint, Optional<Duration> maxAge) {
        Optional<String> route = hint == ScreenHint.SIGN_UP ? routes.signUp().or(routes::signIn) : routes.signIn();
        if (route.isPresent()) {
            return ctx.origin() + ctx.contextPath() + route.get() + "?returnTo=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8)
                    + maxAge.map(d -> "&maxAge=" + d.getSeconds()).orElse("");
        }
        return signIn.authorization(ctx, SignInOptions.builder().screenHint(hint).returnTo(returnTo)
                .maxAge(maxAge.orElse(null)).build(), false).url();
    }

    /** The short-lived {@code workos-access-token} cookie for a page load (eager auth), or its deletion once the session ended. */
    private Optional<SetCookie> eagerCookie(RequestContext ctx, Resolution session) {
        if (!ctx.isDocumentRequest()) {
            return Optional.empty();
        }
        if (!session.auth().isSignedIn()) {
            if (session.ended() && ctx.cookies().containsKey(CookieFactory.EAGER_ACCESS_TOKEN)) {
                return Optional.of(cookies.eagerAccessTokenDeletion(ctx));
            }
            return Optional.empty();
        }
        String token = session.auth().accessToken().orElseThrow();
        if (!session.refreshed() && ctx.cookie(CookieFactory.EAGER_ACCESS_TOKEN).filter(token::equals).isPresent()) {
            return Optional.empty();
        }
        SetCookie eager = cookies.eagerAccessToken(ctx, token);
        if (eager.headerValue().length() > SessionCookies.MAX_BROWSER_COOKIE_BYTES) {
            // browsers drop it, and it would push the response's headers towards the servers' limits
            decisions.decide("access token too large for the eager cookie (" + eager.headerValue().length()
                    + " bytes): not set; page scripts get it from the access-token route");
            return Optional.empty();
        }
        return Optional.of(eager);
    }
}
