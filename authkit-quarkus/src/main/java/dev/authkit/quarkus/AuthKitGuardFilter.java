package dev.authkit.quarkus;

import dev.authkit.jaxrs.AuthKitGuard;
import dev.authkit.jaxrs.JaxRsAuthKit;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * {@link AuthKitGuard} as a discovered provider: after matching, {@code @RequiresSignIn},
 * {@code @RolesAllowed}, {@code @RequiresPermission}, {@code @DenyAll} and {@code @PermitAll} of the
 * matched method or class are enforced by the core's decision; it also hands the request's Auth to
 * {@link RequestAuth} for injection. Discovered together with {@link AuthKitRequestFilter}, from the
 * same jar, so one never runs without the other.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AuthKitGuardFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resourceInfo;

    @Inject
    RequestAuth requestAuth;

    @Override
    public void filter(ContainerRequestContext request) {
        requestAuth.set(JaxRsAuthKit.auth(request));
        AuthKitGuard.check(request, resourceInfo);
    }
}
