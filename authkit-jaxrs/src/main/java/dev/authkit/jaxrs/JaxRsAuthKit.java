package dev.authkit.jaxrs;

import dev.authkit.core.Auth;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The {@link Auth} of a request, in a resource: {@code JaxRsAuthKit.auth(securityContext)} with
 * {@code @Context SecurityContext securityContext}, portable across JAX-RS implementations.
 */
public final class JaxRsAuthKit {
    private JaxRsAuthKit() {
    }

    /** {@link Auth#signedOut()} when the request did not go through {@link AuthKitFeature}. */
    public static Auth auth(SecurityContext securityContext) {
        if (securityContext instanceof AuthKitSecurityContext a) {
            return a.auth();
        }
        // an injected @Context SecurityContext is usually a proxy: the principal carries the auth through it
        return securityContext != null && securityContext.getUserPrincipal() instanceof AuthKitPrincipal p ? p.auth() : Auth.signedOut();
    }

    public static Auth auth(ContainerRequestContext request) {
        return request.getProperty(AuthKitContainerFilter.AUTH_PROPERTY) instanceof Auth a ? a : Auth.signedOut();
    }
}
