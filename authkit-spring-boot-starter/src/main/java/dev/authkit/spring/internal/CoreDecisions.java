package dev.authkit.spring.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.servlet.ServletAuthKit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The two answers the starter gives when a handler or Spring Security refuses a request, in one
 * place: "sign-in required" (a page load is sent to sign in with its verifier cookie and comes
 * back here; anything else gets 401 JSON) and "forbidden" (403 JSON). Built on the servlet
 * adapter's helpers; when the core offers these decisions as outcomes, only this class changes.
 */
public final class CoreDecisions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CoreDecisions() {
    }

    public static void signInRequired(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (isDocumentRequest(request)) {
            ServletAuthKit.ensureSignedIn(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        json(response, 401, Map.of("error", "sign_in_required"));
    }

    public static void forbidden(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        json(response, 403, Map.of("error", "forbidden", "reason", reason));
    }

    /** A browser's page load ({@code Accept} includes {@code text/html}), not a script's call. */
    static boolean isDocumentRequest(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private static void json(HttpServletResponse response, int status, Map<String, String> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setHeader("Cache-Control", "private, no-store");
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

}
