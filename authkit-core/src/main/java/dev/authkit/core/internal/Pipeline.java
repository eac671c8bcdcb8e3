package dev.authkit.core.internal;

import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.PathPolicy;
import dev.authkit.core.internal.bearer.BearerTokens;
import dev.authkit.core.internal.decision.Decisions;
import dev.authkit.core.internal.events.DecisionLog;
import dev.authkit.core.internal.events.EventSink;
import dev.authkit.core.internal.outcome.ErrorPages;
import dev.authkit.core.internal.outcome.Outcomes;
import dev.authkit.core.internal.refresh.SessionRefresh;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.request.WouldBlock;
import dev.authkit.core.internal.routes.ApiRoutes;
import dev.authkit.core.internal.routes.BuiltInRoutes;
import dev.authkit.core.internal.session.Resolution;
import dev.authkit.core.internal.session.SessionReader;
import dev.authkit.core.internal.session.SessionState;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code AuthKit.handle} does with a request, stage by stage, top to bottom (see the
 * package description for the stages). Each stage takes the values of the one before and either
 * answers the request or hands it on; none calls back up.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PathPolicy pathPolicy;
    private final BuiltInRoutes routes;
    private final Optional<BearerTokens> bearer;
    private final SessionReader sessions;
    private final SessionRefresh refresh;
    private final Optional<ApiRoutes> api;
    private final Decisions decisions;
    private final DecisionLog log;
    private final EventSink events;

    Pipeline(PathPolicy pathPolicy, BuiltInRoutes routes, Optional<BearerTokens> bearer, SessionReader sessions,
             SessionRefresh refresh, Optional<ApiRoutes> api, Decisions decisions, EventSink events, boolean debug) {
        this.events = events;
        this.pathPolicy = pathPolicy;
        this.routes = routes;
        this.bearer = bearer;
        this.sessions = sessions;
        this.refresh = refresh;
        this.api = api;
        this.decisions = decisions;
        this.log = new DecisionLog(LOG, debug);
    }

    /** Never throws: a defect is answered with a 400 that quotes nothing, and logged by type and place only. */
    public Outcome handle(AuthKitRequest request) {
        try {
            return process(request, false);
        } catch (Exception e) { // checked exceptions too: the WorkOS SDK throws them undeclared
            return notProcessed(e);
        }
    }

    /**
     * The same pipeline run inline, for a thread that must not block (an event loop): the outcome
     * when the request could be answered without any step that may block, else empty, and then
     * nothing was done (no cookie written, no event emitted, no store or list touched, nothing
     * logged as decided) and the caller runs {@link #handle} on a worker. Each stage calls
     * {@link RequestContext#mayBlock()} before such a step; see there for the rule.
     */
    public Optional<Outcome> handleWithoutBlocking(AuthKitRequest request) {
        try {
            return Optional.of(process(request, true));
        } catch (WouldBlock e) {
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(notProcessed(e));
        }
    }

    private static Outcome notProcessed(Exception e) {
        StackTraceElement[] at = e.getStackTrace();
        // the message may quote client input or a token, so only the type and place are logged
        LOG.error("[AuthKit] request not processed: {} at {}", e.getClass().getName(), at.length > 0 ? at[0] : "?");
        return ErrorPages.notProcessed();
    }

    private Outcome process(AuthKitRequest request, boolean inline) {
        // 1 request: parsed once
        RequestContext ctx = RequestContext.of(request, inline);
        Outcome outcome = process(ctx);
        if (inline) {
            ctx.settle();
        }
        if (log.enabled()) { // one line per request: method, path, outcome; never a location, token or cookie value
            log.decide(DecisionLog.printable(ctx.request().method() + " " + ctx.appPath()) + " -> " + DecisionLog.describe(outcome));
        }
        return outcome;
    }

    private Outcome process(RequestContext ctx) {
        // 2 policy: an ambiguous raw path is refused before anything routes
        Optional<PathPolicy.Violation> ambiguous = pathPolicy.check(ctx.rawPath());
        if (ambiguous.isPresent()) {
            log.decide("Ambiguous request path refused: " + ambiguous.get().rule());
            events.emit(new AuthKitEvent.PathRefused(events.now(), ambiguous.get().rule()));
            return ErrorPages.pathRefused(ambiguous.get());
        }
        // 3 routes that need no session: client files, callback, sign-in, sign-up, sign-out
        Optional<Outcome> route = routes.answer(ctx);
        if (route.isPresent()) {
            return route.get();
        }
        // 4 bearer: an Authorization: Bearer access token decides alone
        Optional<Outcome> byToken = bearer.flatMap(b -> b.authenticate(ctx));
        if (byToken.isPresent()) {
            return decisions.stepUp(ctx, byToken.get()); // 7 decision: recent-sign-in paths hold for tokens too
        }
        // 3 (JSON API) an endpoint that calls WorkOS is known before the session stage may emit anything
        Optional<String> endpoint = api.flatMap(a -> a.endpoint(ctx.appPath()));
        if (endpoint.isPresent()) {
            api.get().mayBlock(ctx, endpoint.get());
        }
        // 5 session: the only reading of the session cookie
        SessionState state = sessions.read(ctx);
        // 6 refresh: when due, unless the JSON route exchanges the refresh token itself
        boolean exchangesItself = endpoint.filter(e -> ApiRoutes.exchangesRefreshToken(ctx, e)).isPresent();
        Resolution session = refresh.resolve(ctx, state, !exchangesItself);
        List<Header> headers = Outcomes.forSession(session.cookiePresent(),
                !ctx.request().headers("Authorization").isEmpty(), session.auth().isSignedIn());
        // 3 (again) the JSON API answers with the resolved session
        if (endpoint.isPresent()) {
            return api.get().handle(ctx, endpoint.get(), session);
        }
        // 7 decision, 8 outcome: continue, sign-in required or unavailable
        return decisions.decide(ctx, session, headers);
    }
}
