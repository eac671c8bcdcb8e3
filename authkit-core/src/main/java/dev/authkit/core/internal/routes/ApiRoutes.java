package dev.authkit.core.internal.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.workos.WorkOS;
import dev.authkit.core.Auth;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.RefreshOutcome;
import dev.authkit.core.Session;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.core.WorkOSEndpoint;
import dev.authkit.core.internal.decision.Decisions;
import dev.authkit.core.internal.events.EventSink;
import dev.authkit.core.internal.flow.SignInFlow;
import dev.authkit.core.internal.flow.SignOutEverywhere;
import dev.authkit.core.internal.flow.SignOutFlow;
import dev.authkit.core.internal.outcome.ErrorPages;
import dev.authkit.core.internal.outcome.Outcomes;
import dev.authkit.core.internal.refresh.ExplicitRefresh;
import dev.authkit.core.internal.request.HttpUrls;
import dev.authkit.core.internal.request.Query;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.session.Resolution;
import dev.authkit.core.internal.session.SessionCodec;
import dev.authkit.core.internal.workos.WorkOSResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The JSON endpoints browser code calls (see {@code BrowserApi} for the table), answered with the
 * session the pipeline resolved: nothing here reads the cookie again, so a refresh token is never
 * used twice by one request. State-changing endpoints answer only same-origin {@code POST}s.
 */
public final class ApiRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix;
    private final SignInFlow signIn;
    private final SignOutFlow signOut;
    private final ExplicitRefresh refresh;
    private final Decisions decisions;
    private final EventSink events;
    private final WorkOS workos;
    private final SignOutEverywhere everywhere;

    public ApiRoutes(String prefix, SignInFlow signIn, SignOutFlow signOut, ExplicitRefresh refresh, Decisions decisions,
                     WorkOS workos, EventSink events, SignOutEverywhere everywhere) {
        this.events = events;
        this.everywhere = everywhere;
        this.prefix = prefix;
        this.signIn = signIn;
        this.signOut = signOut;
        this.refresh = refresh;
        this.decisions = decisions;
        this.workos = workos;
    }

    /** The endpoint ({@code /session}, {@code /refresh}, ...) a path names under the prefix, if it is one. */
    public Optional<String> endpoint(String appPath) {
        if (!appPath.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = appPath.substring(prefix.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return Optional.of("/");
        }
        return rest.startsWith("/") ? Optional.of(rest) : Optional.empty();
    }

    /** The endpoints that exchange the refresh token themselves when POSTed, so the pipeline must not refresh first. */
    public static boolean exchangesRefreshToken(RequestContext ctx, String endpoint) {
        return ctx.method().equals("POST") && (endpoint.equals("/refresh") || endpoint.equals("/switch-organization")
                || endpoint.equals("/access-token/refresh"));
    }

    /** The endpoints answered from the resolved session alone; every other one may call WorkOS. */
    private static final java.util.Set<String> LOCAL = java.util.Set.of("/session", "/auth", "/access-token");

    /**
     * {@link RequestContext#mayBlock()} for an endpoint that may call WorkOS (refresh, switch,
     * organization, sign-out): called before the session stage, so that an inline run declines
     * before anything of the request is done.
     */
    public void mayBlock(RequestContext ctx, String endpoint) {
        if (!LOCAL.contains(endpoint)) {
            ctx.mayBlock();
        }
    }

    /**
     * Answers one endpoint with the request's resolved session. When there is no session to use
     * (revoked, ended, unreadable), the endpoints that exchange the refresh token themselves answer
     * 401 or send to sign-in; the session stage's deletion of the dead cookie goes with that answer,
     * as with every other endpoint, so a revoked cookie is not sent again.
     */
    public Outcome handle(RequestContext ctx, String endpoint, Resolution session) {
        Outcome answer = answer(ctx, endpoint, session);
        if (session.session().isPresent() || !exchangesRefreshToken(ctx, endpoint)) {
            return answer;
        }
        List<SetCookie> missing = session.cookies().stream()
                .filter(c -> answer.cookies().stream().noneMatch(a -> a.name().equals(c.name()))).toList();
        return missing.isEmpty() ? answer : Outcomes.withExtras(answer, missing, List.of());
    }

    private Outcome answer(RequestContext ctx, String endpoint, Resolution session) {
        List<SetCookie> cookies = new ArrayList<>(session.cookies());
        Auth auth = session.auth();
        Optional<Session> current = session.session();
        Map<String, String> query = Query.parse(ctx.rawQuery());
        switch (endpoint) {
            case "/session":
                return get(ctx, () -> json(200, JSON.createObjectNode().put("signedIn", auth.isSignedIn()), cookies));
            case "/auth":
                return get(ctx, () -> {
                    ObjectNode body = authJson(auth);
                    java.time.Duration maxAge = BuiltInRoutes.maxAge(query.get("maxAge")); // step-up: ensureRecentSignIn
                    boolean stale = maxAge != null && auth.isSignedIn() && !decisions.isRecent(auth, maxAge);
                    if ((!auth.isSignedIn() || stale) && "true".equals(query.get("ensureSignedIn"))) {
                        String returnTo = HttpUrls.localPathOr(query.get("returnTo"), ctx.rootPath());
                        AuthorizationRedirect redirect = signIn.authorization(ctx, SignInOptions.builder()
                                .screenHint(decisions.screenFor(ctx, returnTo)).returnTo(returnTo).maxAge(maxAge).build(), true);
                        body.put("signInUrl", redirect.url());
                        cookies.addAll(redirect.cookies());
                    }
                    return json(200, body, cookies);
                });
            case "/organization":
                return get(ctx, () -> organization(auth, query.get("organizationId"), cookies));
            case "/access-token":
                return get(ctx, () -> json(200, JSON.createObjectNode().put("accessToken", auth.accessToken().orElse(null)), cookies));
            case "/access-token/refresh":
                return post(ctx, () -> {
                    RefreshOutcome r = refresh.refresh(ctx, current, Optional.empty(), ctx.rootPath());
                    ObjectNode body = JSON.createObjectNode();
                    if (r instanceof RefreshOutcome.Refreshed ok) {
                        body.put("accessToken", ok.auth().accessToken().orElse(null));
                    } else {
                        body.putNull("accessToken");
                        body.put("error", "Failed to refresh access token");
                        if (r instanceof RefreshOutcome.Failed f && f.isTransient()) {
                            body.put("transient", true);
                        }
                    }
                    return json(200, body, r.cookies());
                });
            case "/refresh":
                return post(ctx, () -> refreshForScript(ctx, current, Optional.ofNullable(query.get("organizationId")),
                        returnTo(ctx, query)));
            case "/switch-organization":
                return post(ctx, () -> {
                    String org = query.get("organizationId");
                    if (org == null || org.isEmpty()) {
                        return ErrorPages.of(ctx, 400, "missing_organization_id", "Choose an organization to switch to.");
                    }
                    if (ctx.isDocumentRequest()) {
                        return refresh.switchTo(ctx, current, org, Optional.ofNullable(query.get("returnTo")));
                    }
                    return refreshForScript(ctx, current, Optional.of(org), returnTo(ctx, query));
                });
            case "/sign-out":
                return post(ctx, () -> {
                    Outcome.Redirect r = signOut.signOut(ctx, Optional.ofNullable(query.get("returnTo")));
                    if (ctx.isDocumentRequest()) {
                        return r;
                    }
                    return json(200, JSON.createObjectNode().put("logoutUrl", r.location()), r.cookies());
                });
            case "/sign-out-everywhere":
                return post(ctx, () -> {
                    Optional<String> to = Optional.ofNullable(query.get("returnTo"));
                    Outcome o = auth.isSignedIn() ? everywhere.signOutEverywhere(ctx, to) : signOut.signOut(ctx, to);
                    if (ctx.isDocumentRequest() || !(o instanceof Outcome.Redirect r)) {
                        return o;
                    }
                    return json(200, JSON.createObjectNode().put("logoutUrl", r.location()), r.cookies());
                });
            default:
                return ErrorPages.of(ctx, 404, "not_found", "There is no such page.");
        }
    }

    /** Where a re-authentication demanded during a refresh comes back to: the request's local {@code returnTo}, else the application's root. */
    private static String returnTo(RequestContext ctx, Map<String, String> query) {
        return HttpUrls.localPathOr(query.get("returnTo"), ctx.rootPath());
    }

    /**
     * A refresh for scripts: 200 with the new auth; 200 {@code {"reauthenticationUrl"}} when WorkOS
     * asks for a sign-in; 403/404/409 when WorkOS refuses (the session kept); 503 with
     * {@code Retry-After} when WorkOS is unreachable (the session kept); 401 when WorkOS ended the
     * session (the cookie deleted) or there is none.
     */
    private Outcome refreshForScript(RequestContext ctx, Optional<Session> current, Optional<String> organizationId,
                                     String returnTo) {
        RefreshOutcome r = refresh.refresh(ctx, current, organizationId, returnTo);
        if (r instanceof RefreshOutcome.Refreshed ok) {
            return json(200, authJson(ok.auth()), ok.cookies());
        }
        if (r instanceof RefreshOutcome.ReauthenticationRequired re) {
            return json(200, JSON.createObjectNode().put("reauthenticationUrl", re.authorizationUrl()), re.cookies());
        }
        if (r instanceof RefreshOutcome.Refused refused) {
            return json(refused.status(), JSON.createObjectNode().put("error", refused.error()).put("message", refused.reason()),
                    List.of());
        }
        if (r instanceof RefreshOutcome.Failed f && f.isTransient()) {
            ObjectNode body = JSON.createObjectNode().put("error", "workos_unavailable").put("transient", true);
            List<Header> h = new ArrayList<>(Outcomes.rendered(Outcomes.noStore()));
            h.add(new Header("Retry-After", Integer.toString(ErrorPages.RETRY_AFTER_SECONDS)));
            return new Outcome.Respond(503, "application/json", body.toString(), List.of(), h);
        }
        if (r instanceof RefreshOutcome.Failed f) {
            ObjectNode body = JSON.createObjectNode().put("error", "session_ended").put("transient", false);
            return json(401, body, f.cookies());
        }
        return json(401, JSON.createObjectNode().putNull("user"), List.of());
    }

    /**
     * {@code {"organization": {"id", "name"}}} for the session's own organization only, else
     * {@code {"organization": null}}: asking for another organization reveals nothing (the fix of
     * authkit-nextjs GHSA-ph3g-6p57-jfm5) and costs no WorkOS call. WorkOS unreachable or answering
     * what does not read as an organization: 503 with {@code Retry-After}; WorkOS refusing: 200
     * {@code {"organization": null, "error": "organization_unavailable"}}.
     */
    private Outcome organization(Auth auth, String organizationId, List<SetCookie> cookies) {
        ObjectNode body = JSON.createObjectNode();
        if (organizationId == null || !auth.organizationId().filter(organizationId::equals).isPresent()) {
            body.putNull("organization");
            return json(200, body, cookies);
        }
        try {
            var org = events.call(WorkOSEndpoint.ORGANIZATION, () -> workos.getOrganizations().get(organizationId));
            if (org == null || org.getId() == null) {
                throw new IllegalStateException("no organization in the answer");
            }
            body.putObject("organization").put("id", org.getId()).put("name", org.getName());
        } catch (Exception e) { // the SDK throws checked parse errors undeclared: see WorkOSResponses.classify
            WorkOSResponses.Failure f = WorkOSResponses.classify(e);
            body.putNull("organization");
            if (f.isTransient()) {
                body.put("error", "workos_unavailable").put("transient", true);
                List<Header> h = new ArrayList<>(Outcomes.rendered(Outcomes.noStore()));
                h.add(new Header("Retry-After", Integer.toString(ErrorPages.RETRY_AFTER_SECONDS)));
                return new Outcome.Respond(503, "application/json", body.toString(), cookies, h);
            }
            body.put("error", "organization_unavailable");
        }
        return json(200, body, cookies);
    }

    /** The auth as browser code sees it: everything but the access token. */
    static ObjectNode authJson(Auth auth) {
        ObjectNode n = JSON.createObjectNode();
        if (!auth.isSignedIn()) {
            n.putNull("user");
            return n;
        }
        n.set("user", SessionCodec.userNode(auth.user().orElseThrow()));
        n.put("sessionId", auth.sessionId().orElse(null));
        n.put("organizationId", auth.organizationId().orElse(null));
        n.put("role", auth.role().orElse(null));
        array(n.putArray("roles"), auth.roles());
        array(n.putArray("permissions"), auth.permissions());
        array(n.putArray("entitlements"), auth.entitlements());
        array(n.putArray("featureFlags"), auth.featureFlags());
        auth.impersonator().ifPresentOrElse(i -> n.putObject("impersonator").put("email", i.email())
                .put("reason", i.reason().orElse(null)), () -> n.putNull("impersonator"));
        return n;
    }

    private static void array(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static Outcome get(RequestContext ctx, Supplier<Outcome> handler) {
        if (!ctx.method().equals("GET") && !ctx.method().equals("HEAD")) {
            return ErrorPages.methodNotAllowed(ctx, "GET");
        }
        return handler.get();
    }

    private static Outcome post(RequestContext ctx, Supplier<Outcome> handler) {
        if (!ctx.method().equals("POST")) {
            return ErrorPages.methodNotAllowed(ctx, "POST");
        }
        if (!SameOrigin.check(ctx)) {
            return ErrorPages.crossSite(ctx);
        }
        return handler.get();
    }

    private static Outcome json(int status, ObjectNode body, List<SetCookie> cookies) {
        return Outcomes.json(status, body.toString(), cookies);
    }
}
