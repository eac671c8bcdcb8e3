package dev.authkit.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.core.internal.request.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error answers authkit gives itself: a short HTML page for a browser's page load (a document
 * request, see {@code Accept: text/html}), JSON {@code {"error": code, "message": ..}} for scripts,
 * so a person never stares at raw JSON and a script never parses HTML.
 *
 * <p>Adapters may hand an HTML error to the container's own error handling instead (the servlet
 * adapter calls {@code sendError} so the application's error page applies); {@link #message}
 * gives them the sentence to pass on.
 */
public final class ErrorPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MESSAGE = Pattern.compile("<p id=\"authkit-error\" data-error=\"([^\"]*)\">([^<]*)</p>");

    private ErrorPage() {
    }

    /**
     * An error for this request: HTML for a document request, JSON otherwise; never cached.
     *
     * @param status  HTTP status
     * @param error   a short code for scripts ({@code forbidden}, {@code method_not_allowed}, ...)
     * @param message one plain sentence for a person; no secrets
     */
    static Outcome.Respond of(RequestContext ctx, int status, String error, String message, List<SetCookie> cookies,
                              List<Header> headers) {
        List<Header> h = new ArrayList<>(headers);
        for (Header extra : AuthFlow.noStore()) {
            if (h.stream().noneMatch(x -> x.name().equalsIgnoreCase(extra.name()))) {
                h.add(extra);
            }
        }
        if (ctx.isDocumentRequest()) {
            return new Outcome.Respond(status, "text/html; charset=utf-8", html(status, error, message, ctx.rootPath()), cookies, h,
                    Optional.of(new Problem(error, message)));
        }
        ObjectNode body = JSON.createObjectNode().put("error", error).put("message", message);
        return new Outcome.Respond(status, "application/json", body.toString(), cookies, h,
                Optional.of(new Problem(error, message)));
    }

    static Outcome.Respond of(RequestContext ctx, int status, String error, String message) {
        return of(ctx, status, error, message, List.of(), List.of());
    }

    /** True for an HTML error page authkit rendered. */
    public static boolean isErrorPage(Outcome outcome) {
        return outcome instanceof Outcome.Respond r && r.status() >= 400 && r.contentType().startsWith("text/html")
                && MESSAGE.matcher(r.body()).find();
    }

    /** The sentence of an HTML error page authkit rendered, for an adapter that lets its container render the page. */
    public static Optional<String> message(Outcome outcome) {
        if (!(outcome instanceof Outcome.Respond r)) {
            return Optional.empty();
        }
        Matcher m = MESSAGE.matcher(r.body());
        return m.find() ? Optional.of(unescape(m.group(2))) : Optional.empty();
    }

    /** The short code of an error authkit rendered ({@code forbidden}, ...), HTML or JSON. */
    public static Optional<String> error(Outcome outcome) {
        if (!(outcome instanceof Outcome.Respond r)) {
            return Optional.empty();
        }
        Matcher m = MESSAGE.matcher(r.body());
        if (m.find()) {
            return Optional.of(unescape(m.group(1)));
        }
        try {
            var node = JSON.readTree(r.body());
            return node != null && node.path("error").isTextual() ? Optional.of(node.get("error").asText()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
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

    static String escape(String s) {
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

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
