package dev.authkit.spring.security;

import dev.authkit.core.Auth;
import dev.authkit.servlet.AuthKitFilter;
import dev.authkit.servlet.ServletAuthKit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * authkit's answers for Spring Security's own decisions, so a 401 or 403 from
 * {@code authorizeHttpRequests(..)} or {@code @PreAuthorize} looks like one from authkit:
 * <ul>
 * <li>{@link #signIn()}: a signed-out visitor is sent to authkit's sign-in (page loads) or gets 401 JSON with a
 *     {@code signInUrl}; installed by the bridge by default;</li>
 * <li>{@link #forbidden()}: a signed-in user without the authority gets authkit's 403, a {@code Problem} as JSON
 *     for scripts and an error page (through {@code sendError}) for page loads; plug it in with
 *     {@code http.exceptionHandling(e -> e.accessDeniedHandler(AuthKitSecurityHandlers.forbidden()))};</li>
 * <li>{@link #bearerAuthenticated()}: requests authkit authenticated with an access token, which the bridge
 *     exempts from Spring's CSRF check ({@code authkit.security.csrf-ignores-bearer-requests});</li>
 * <li>{@link #logout()} and {@link #logoutSuccess()}: Spring Security's logout also ends the authkit session,
 *     here and at WorkOS ({@code authkit.security.logout-ends-session}).</li>
 * </ul>
 * Each falls back to Spring's plain behaviour for a request {@code AuthKitFilter} did not see.
 */
public final class AuthKitSecurityHandlers {
    /** The sentence a {@link #forbidden()} answer carries. */
    public static final String FORBIDDEN = "You do not have access to this resource.";
    static final String LOGOUT_TARGET = AuthKitSecurityHandlers.class.getName() + ".logoutTarget";

    private AuthKitSecurityHandlers() {
    }

    /** Sends a signed-out visitor to authkit's sign-in (page loads) or answers 401 JSON (scripts). */
    public static AuthenticationEntryPoint signIn() {
        return (request, response, e) -> {
            if (sawAuthKit(request)) {
                ServletAuthKit.ensureSignedIn(request, response);
            } else {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            }
        };
    }

    /** authkit's 403 with {@link #FORBIDDEN} as the reason. */
    public static AccessDeniedHandler forbidden() {
        return forbidden(FORBIDDEN);
    }

    /** authkit's 403 with {@code reason} (one sentence for the user, no secrets). */
    public static AccessDeniedHandler forbidden(String reason) {
        return (request, response, e) -> {
            if (sawAuthKit(request)) {
                ServletAuthKit.forbidden(request, response, reason);
            } else {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
            }
        };
    }

    /** Requests that authkit authenticated with {@code Authorization: Bearer <access token>}. */
    public static RequestMatcher bearerAuthenticated() {
        return request -> request.getAttribute(AuthKitFilter.AUTH_ATTRIBUTE) instanceof Auth auth
                && auth.isSignedIn() && auth.isBearer();
    }

    /** Clears the authkit session cookie and remembers WorkOS's logout URL for {@link #logoutSuccess()}. */
    public static LogoutHandler logout() {
        return (request, response, authentication) -> {
            if (sawAuthKit(request)) {
                request.setAttribute(LOGOUT_TARGET, ServletAuthKit.signOut(request, response, Optional.empty()));
            }
        };
    }

    /** Sends the browser to WorkOS's logout (which comes back to the application's root), or to the root. */
    public static LogoutSuccessHandler logoutSuccess() {
        return (request, response, authentication) -> response.sendRedirect(
                request.getAttribute(LOGOUT_TARGET) instanceof String target ? target : request.getContextPath() + "/");
    }

    private static boolean sawAuthKit(HttpServletRequest request) {
        return request.getAttribute(AuthKitFilter.AUTH_ATTRIBUTE) instanceof Auth
                && request.getAttribute(AuthKitFilter.AUTHKIT_ATTRIBUTE) != null;
    }
}
