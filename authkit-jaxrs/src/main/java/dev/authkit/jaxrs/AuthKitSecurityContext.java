package dev.authkit.jaxrs;

import dev.authkit.core.Auth;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;

/**
 * The JAX-RS {@link SecurityContext} of a request that went through {@link AuthKitFeature}: the
 * principal's name is the WorkOS user id, roles are the access token's {@code role} and
 * {@code roles}, so {@code @RolesAllowed} works. {@link #auth()} has the rest.
 */
public final class AuthKitSecurityContext implements SecurityContext {
    /** {@link #getAuthenticationScheme()} for cookie sessions. */
    public static final String WORKOS = "WORKOS";

    private final Auth auth;
    private final boolean secure;

    public AuthKitSecurityContext(Auth auth, boolean secure) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.secure = secure;
    }

    public Auth auth() {
        return auth;
    }

    @Override
    public Principal getUserPrincipal() {
        return auth.isSignedIn() ? new AuthKitPrincipal(auth) : null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return auth.hasRole(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    /** {@code WORKOS} for a cookie session, {@code Bearer} for a bearer token, null when signed out. */
    @Override
    public String getAuthenticationScheme() {
        if (!auth.isSignedIn()) {
            return null;
        }
        return auth.isBearer() ? "Bearer" : WORKOS;
    }
}
