package dev.authkit.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.session.SessionCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON endpoints browser code calls, the equivalents of the server actions authkit-nextjs's
 * React components use, under the {@link Routes#api()} prefix (default {@code /auth/api}):
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><th>request</th><th>answer</th></tr>
 * <tr><td>{@code GET /session}</td><td>{@code {"signedIn": true|false}}</td></tr>
 * <tr><td>{@code GET /auth[?ensureSignedIn=true&returnTo=/path]}</td><td>the auth without the access
 *     token; signed out: {@code {"user": null}}, plus {@code "signInUrl"} when {@code ensureSignedIn}</td></tr>
 * <tr><td>{@code POST /refresh[?organizationId=org_..&returnTo=/path]}</td><td>the refreshed auth, or
 *     {@code {"reauthenticationUrl": ..}} when WorkOS needs a sign-in for that organization (which then
 *     returns to {@code returnTo}, default {@code /})</td></tr>
 * <tr><td>{@code POST /switch-organization?organizationId=org_..[&returnTo=/path]}</td><td>as {@code /refresh};
 *     a form post from a page ({@code Accept: text/html}) is redirected to {@code returnTo} instead</td></tr>
 * <tr><td>{@code GET /organization?organizationId=org_..}</td><td>{@code {"organization": {"id", "name"}}} for the
 *     session's own organization, else {@code {"organization": null}}</td></tr>
 * <tr><td>{@code GET /access-token}</td><td>{@code {"accessToken": ..|null}} (refreshed first when near expiry)</td></tr>
 * <tr><td>{@code POST /access-token/refresh}</td><td>{@code {"accessToken": ..}}, or {@code null} with an {@code "error"}</td></tr>
 * <tr><td>{@code POST /sign-out[?returnTo=/path]}</td><td>{@code {"logoutUrl": ..}} with the cookies cleared;
 *     a form post from a page is redirected there instead</td></tr>
 * </table>
 *
 * <p>State-changing endpoints answer only {@code POST} (else 405) and only same-origin requests:
 * the request must carry the header {@value #CSRF_HEADER} (which a cross-site page cannot send
 * without a CORS preflight that is never granted) or an {@code Origin} header equal to the
 * application's own origin (which browsers send on every form post). Otherwise 403. Every answer
 * is {@code Cache-Control: no-store}.
 */
public final class BrowserApi {
    /** A header any same-origin script may set; its presence proves the request is not a cross-site form. */
    public static final String CSRF_HEADER = "X-AuthKit-Request";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthKit authKit;

    BrowserApi(AuthKit authKit) {
        this.authKit = authKit;
    }

    /** The endpoints that exchange the refresh token themselves when POSTed, so the pipeline must not refresh first. */
    static boolean exchangesRefreshToken(String endpoint) {
        return endpoint.equals("/refresh") || endpoint.equals("/switch-organization") || endpoint.equals("/access-token/refresh");
    }

    /**
     * Answers one endpoint with the session the pipeline resolved: nothing here reads the cookie
     * again, so a refresh token is never used twice by one request.
     */
    Outcome handle(RequestContext ctx, String endpoint, SessionManager.Resolution session) {
        List<SetCookie> cookies = new ArrayList<>(session.cookies());
        Auth auth = session.auth();
        Optional<Session> current = session.session();
        Map<String, String> query = AuthFlow.query(ctx.rawQuery());
        switch (endpoint) {
            case "/session":
                return get(ctx, () -> json(200, JSON.createObjectNode().put("signedIn", auth.isSignedIn()), cookies));
            case "/auth":
                return get(ctx, () -> {
                    ObjectNode body = authJson(auth);
                    if (!auth.isSignedIn() && "true".equals(query.get("ensureSignedIn"))) {
                        String returnTo = AuthFlow.localPathOr(query.get("returnTo"), ctx.rootPath());
                        AuthorizationRedirect signIn = authKit.flow().authorization(ctx, SignInOptions.builder()
                                .screenHint(authKit.screenFor(ctx, returnTo)).returnTo(returnTo).build(), true);
                        body.put("signInUrl", signIn.url());
                        cookies.addAll(signIn.cookies());
                    }
                    return json(200, body, cookies);
                });
            case "/organization":
                return get(ctx, () -> json(200, organization(auth, query.get("organizationId")), cookies));
            case "/access-token":
                return get(ctx, () -> json(200, JSON.createObjectNode().put("accessToken", auth.accessToken().orElse(null)), cookies));
            case "/access-token/refresh":
                return post(ctx, () -> {
                    RefreshOutcome r = authKit.refresh(ctx, current, Optional.empty(), ctx.rootPath());
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
                return post(ctx, () -> refresh(ctx, current, Optional.ofNullable(query.get("organizationId")), returnTo(ctx, query)));
            case "/switch-organization":
                return post(ctx, () -> {
                    String org = query.get("organizationId");
                    if (org == null || org.isEmpty()) {
                        return ErrorPage.of(ctx, 400, "missing_organization_id", "Choose an organization to switch to.");
                    }
                    if (ctx.isDocumentRequest()) {
                        return authKit.switchTo(ctx, current, org, Optional.ofNullable(query.get("returnTo")));
                    }
                    return refresh(ctx, current, Optional.of(org), returnTo(ctx, query));
                });
            case "/sign-out":
                return post(ctx, () -> {
                    Outcome signOut = authKit.flow().signOut(ctx.request(), Optional.ofNullable(query.get("returnTo")));
                    if (ctx.isDocumentRequest()) {
                        return signOut;
                    }
                    Outcome.Redirect r = (Outcome.Redirect) signOut;
                    return json(200, JSON.createObjectNode().put("logoutUrl", r.location()), r.cookies());
                });
            default:
                return ErrorPage.of(ctx, 404, "not_found", "There is no such page.");
        }
    }

    /** Where a re-authentication demanded during a refresh comes back to: the request's local {@code returnTo}, else the application's root. */
    private static String returnTo(RequestContext ctx, Map<String, String> query) {
        return AuthFlow.localPathOr(query.get("returnTo"), ctx.rootPath());
    }

    /**
     * A refresh for scripts: 200 with the new auth; 200 {@code {"reauthenticationUrl"}} when WorkOS
     * asks for a sign-in; 403/404/409 when WorkOS refuses (the session kept); 503 with
     * {@code Retry-After} when WorkOS is unreachable (the session kept); 401 when WorkOS ended the
     * session (the cookie deleted) or there is none.
     */
    private Outcome refresh(RequestContext ctx, Optional<Session> current, Optional<String> organizationId, String returnTo) {
        RefreshOutcome r = authKit.refresh(ctx, current, organizationId, returnTo);
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
            List<Header> h = new ArrayList<>(AuthFlow.noStore());
            h.add(new Header("Retry-After", Integer.toString(AuthKit.RETRY_AFTER_SECONDS)));
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
     * authkit-nextjs GHSA-ph3g-6p57-jfm5) and costs no WorkOS call.
     */
    private ObjectNode organization(Auth auth, String organizationId) {
        ObjectNode body = JSON.createObjectNode();
        if (organizationId == null || !auth.organizationId().filter(organizationId::equals).isPresent()) {
            body.putNull("organization");
            return body;
        }
        try {
            var org = authKit.workos().getOrganizations().get(organizationId);
            body.putObject("organization").put("id", org.getId()).put("name", org.getName());
        } catch (RuntimeException e) {
            body.putNull("organization");
            body.put("error", "organization_unavailable");
        }
        return body;
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

    private static Outcome get(RequestContext ctx, java.util.function.Supplier<Outcome> handler) {
        if (!ctx.method().equals("GET") && !ctx.method().equals("HEAD")) {
            return methodNotAllowed(ctx, "GET");
        }
        return handler.get();
    }

    private static Outcome post(RequestContext ctx, java.util.function.Supplier<Outcome> handler) {
        if (!ctx.method().equals("POST")) {
            return methodNotAllowed(ctx, "POST");
        }
        if (!sameOrigin(ctx)) {
            return crossSite(ctx);
        }
        return handler.get();
    }

    static Outcome crossSite(RequestContext ctx) {
        return ErrorPage.of(ctx, 403, "cross_site_request", "This request did not come from this application's own pages.");
    }

    /** The request carries {@link #CSRF_HEADER}, or an {@code Origin} equal to the application's. */
    static boolean sameOrigin(RequestContext ctx) {
        if (!ctx.request().headers(CSRF_HEADER).isEmpty()) {
            return true;
        }
        return ctx.request().header("Origin").map(o -> o.toLowerCase(Locale.ROOT).equals(ctx.origin().toLowerCase(Locale.ROOT)))
                .orElse(false);
    }

    static Outcome methodNotAllowed(RequestContext ctx, String allow) {
        return ErrorPage.of(ctx, 405, "method_not_allowed", "This address answers " + allow + " requests only.", List.of(),
                List.of(new Header("Allow", allow)));
    }

    private static Outcome json(int status, ObjectNode body, List<SetCookie> cookies) {
        return new Outcome.Respond(status, "application/json", body.toString(), cookies, AuthFlow.noStore());
    }
}
