package dev.authkit.spring.security;

import dev.authkit.core.Auth;
import dev.authkit.servlet.AuthKitFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Inside Spring Security's chain: puts the {@link Auth} that {@link AuthKitFilter} decided into the
 * {@code SecurityContext} when someone is signed in and nothing else authenticated the request, and
 * takes out an authkit authentication that authkit no longer vouches for.
 * Runs on error and async dispatches too, so error pages see the user. Nothing is stored in the
 * HTTP session: the cookie stays the only session.
 */
final class AuthKitSecurityContextFilter extends OncePerRequestFilter {
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(AuthKitFilter.AUTH_ATTRIBUTE) instanceof Auth auth) {
            Authentication current = holder.getContext().getAuthentication();
            // an AuthKitAuthentication from an earlier request (kept in the HTTP session by a
            // SecurityContextRepository) never outlives authkit's decision for this request
            boolean replaceable = current == null || current instanceof AnonymousAuthenticationToken
                    || current instanceof AuthKitAuthentication;
            if (replaceable && auth.isSignedIn()) {
                SecurityContext context = holder.createEmptyContext();
                context.setAuthentication(new AuthKitAuthentication(auth));
                holder.setContext(context);
            } else if (current instanceof AuthKitAuthentication) {
                holder.clearContext();
            }
        }
        chain.doFilter(request, response);
    }
}
