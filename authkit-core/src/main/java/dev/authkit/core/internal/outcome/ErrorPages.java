package dev.authkit.core.internal.outcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.PathPolicy;
import dev.authkit.core.Problem;
import dev.authkit.core.SetCookie;
import dev.authkit.core.internal.request.RequestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The error answers authkit gives itself: a short HTML page for a browser's page load (a document
 * request, see {@code Accept: text/html}), JSON {@code {"error": code, "message": ..}} for scripts,
 * so a person never stares at raw JSON and a script never parses HTML. Each carries its
 * {@link Problem}, so adapters that let their container render the page never read the body.
 */
public final class ErrorPages {
    /** How long a client should wait before trying again while WorkOS is unreachable, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;
    /** The body of the answer to a request the pipeline could not process (a defect, never client input). */
    public static final String NOT_PROCESSED = "{\"error\":\"request_not_processed\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorPages() {
    }

    /**
     * An error for this request: HTML for a document request, JSON otherwise; never cached.
     *
     * @param status  HTTP status
     * @param error   a short code for scripts ({@code forbidden}, {@code method_not_allowed}, ...)
     * @param message one plain sentence for a person; no secrets
     */
    public static Outcome.Respond of(RequestContext ctx, int status, String error, String message, List<SetCookie> cookies,
                                     List<Header> headers) {
        List<Header> h = Outcomes.rendered(Outcomes.withDefaults(headers, Outcomes.noStore()));
        Optional<Problem> problem = Optional.of(new Problem(error, message));
        if (ctx.isDocumentRequest()) {
            return new Outcome.Respond(status, "text/html; charset=utf-8", html(status, error, message, ctx.rootPath()),
                    cookies, h, problem);
        }
        ObjectNode body = JSON.createObjectNode().put("error", error).put("message", message);
        return new Outcome.Respond(status, "application/json", body.toString(), cookies, h, problem);
    }

    public static Outcome.Respond of(RequestContext ctx, int status, String error, String message) {
        return of(ctx, status, error, message, List.of(), List.of());
    }

    /** 405 naming the one method this address answers. */
    public static Outcome methodNotAllowed(RequestContext ctx, String allow) {
        return of(ctx, 405, "method_not_allowed", "This address answers " + allow + " requests only.", List.of(),
                List.of(new Header("Allow", allow)));
    }

    /** 403 for a state-changing request that did not come from the application's own pages. */
    public static Outcome crossSite(RequestContext ctx) {
        return of(ctx, 403, "cross_site_request", "This request did not come from this application's own pages.");
    }

    /** 503 with {@code Retry-After} while WorkOS cannot be reached: a page for a browser, JSON for scripts. */
    public static Outcome unavailable(RequestContext ctx, List<SetCookie> cookies, List<Header> headers) {
        List<Header> h = new ArrayList<>(headers);
        h.add(new Header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
        return of(ctx, 503, "workos_unavailable", "Sign-in is temporarily unavailable. Your session is kept; "
                + "please try again in a few seconds.", cookies, h);
    }

    /**
     * 500 for a session too large for cookies, sent instead of cookies the browser or the server
     * would refuse (the browser would drop the cookie and send the user round the sign-in again, or
     * the server would refuse the next request's headers). A 5xx on purpose: no client input causes
     * it, the operator must act (configure a session store), and monitoring should see it. The
     * page names the fix; {@code cookies} delete the request's session cookies, so the next request
     * is a plain signed-out one, not a loop.
     */
    public static Outcome.Respond sessionTooLarge(RequestContext ctx, List<SetCookie> cookies) {
        return of(ctx, 500, "session_too_large", "Your account's session is too large to be kept in browser cookies, "
                + "so you cannot be signed in here. The site's operator can fix this by configuring a server-side session "
                + "store (AUTHKIT_SESSION_STORE_URI, for instance Redis).", cookies, List.of());
    }

    /** The 400 for a path the {@link PathPolicy} refuses: the reason in plain words, no echo of the path. */
    public static Outcome pathRefused(PathPolicy.Violation violation) {
        return new Outcome.Respond(400, "text/plain; charset=utf-8", "400 Bad Request\n\n" + violation.message() + "\n",
                List.of(), List.of(Outcomes.NOSNIFF), Optional.of(new Problem("path_refused", violation.message())));
    }

    /** The 400 for a request the pipeline could not process: no text of the exception, which may quote input. */
    public static Outcome notProcessed() {
        return new Outcome.Respond(400, "application/json", NOT_PROCESSED, List.of(), List.of(Outcomes.NOSNIFF),
                Optional.of(new Problem("request_not_processed", "The request could not be processed.")));
    }

    /**
     * The organization chooser of a sign-in WorkOS left pending ({@code organization_selection_required}):
     * for a page load, a page in the style of the error pages with one POST button per organization
     * (to {@code actionPath?organization_id=..}); for a script, 403 JSON
     * {@code {"error":"organization_selection_required","organizations":[{"id","name"}],"selectUrl":..}}.
     * Every name is escaped.
     *
     * @param organizations id and name of each organization WorkOS listed
     */
    public static Outcome.Respond organizationChooser(RequestContext ctx, List<Map.Entry<String, String>> organizations,
                                                      String actionPath, List<SetCookie> cookies) {
        List<Header> h = Outcomes.noStore();
        String message = "Choose the organization to sign in to.";
        if (!ctx.isDocumentRequest()) {
            ObjectNode body = JSON.createObjectNode().put("error", "organization_selection_required").put("message", message)
                    .put("selectUrl", ctx.origin() + actionPath);
            var list = body.putArray("organizations");
            organizations.forEach(o -> list.addObject().put("id", o.getKey()).put("name", o.getValue()));
            return new Outcome.Respond(403, "application/json", body.toString(), cookies, h,
                    Optional.of(new Problem("organization_selection_required", message)));
        }
        StringBuilder items = new StringBuilder();
        for (Map.Entry<String, String> o : organizations) {
            String action = actionPath + "?organization_id=" + URLEncoder.encode(o.getKey(), StandardCharsets.UTF_8);
            items.append("<li><form method=\"post\" action=\"").append(escape(action)).append("\"><button type=\"submit\" ")
                    .append("name=\"organization\" data-organization-id=\"").append(escape(o.getKey())).append("\">")
                    .append(escape(o.getValue())).append("</button></form></li>");
        }
        String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>Choose an organization</title><style>body{font-family:"
                + "system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2328}ul{list-style:none;padding:0}"
                + "button{font:inherit;width:100%;text-align:left;padding:.6rem 1rem;margin:.25rem 0;cursor:pointer}</style>"
                + "</head><body><h1>Choose an organization</h1><p id=\"authkit-organization-selection\">" + message
                + "</p><ul>" + items + "</ul></body></html>";
        return new Outcome.Respond(200, "text/html; charset=utf-8", page, cookies, h, Optional.empty());
    }

    /** @param home the application's root ({@code /}, or {@code /app/} under a context path), linked from the page */
    private static String html(int status, String error, String message, String home) {
        String title = switch (status) {
            case 401 -> "Sign-in required";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Not available here";
            case 409 -> "Cannot do that now";
            case 503 -> "Temporarily unavailable";
            default -> status >= 500 ? "Something went wrong" : "Cannot complete the request";
        };
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + title + "</title><style>body{font-family:"
                + "system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2328}small{color:#59636e}"
                + "</style></head><body><h1>" + title + "</h1><p id=\"authkit-error\" data-error=\"" + escape(error) + "\">"
                + escape(message) + "</p><p><a href=\"" + escape(home) + "\">Back to the home page</a> <small>(HTTP " + status
                + ")</small></p></body></html>";
    }

    /** HTML-escapes text for an element or a double-quoted attribute. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
