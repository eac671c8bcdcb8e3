package dev.authkit.jaxrs;

import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.jaxrs.internal.JaxRsRequestView;
import dev.authkit.jaxrs.internal.Responses;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed}, {@code @DenyAll}, {@code @PermitAll}, {@link RequiresSignIn} and
 * {@link RequiresPermission} on resource methods and classes (a method's annotation wins over its
 * class's). The decisions are the core's: a signed-out caller gets {@link AuthKit#signInRequired}
 * (a page load is sent to sign in, anything else gets 401), a signed-in caller without the role or
 * permission gets {@link AuthKit#forbidden} (403).
 */
public final class AuthorizationFeature implements DynamicFeature {
    private final AuthKit authKit;

    public AuthorizationFeature(AuthKit authKit) {
        this.authKit = authKit;
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        Rule rule = rule(method);
        if (rule == null) {
            rule = rule(type);
        }
        if (rule != null) {
            context.register(new Check(rule, authKit));
        }
    }

    /**
     * What a resource demands; {@code signedIn} false only for {@code @PermitAll}; {@code roles}
     * empty means any role, unless {@code @RolesAllowed({})} said none ({@code noRole}).
     */
    private record Rule(boolean denyAll, boolean signedIn, List<String> roles, boolean noRole, List<String> permissions) {
    }

    private static Rule rule(AnnotatedElement e) {
        if (e == null) {
            return null;
        }
        if (e.isAnnotationPresent(DenyAll.class)) {
            return new Rule(true, true, List.of(), false, List.of());
        }
        RolesAllowed roles = e.getAnnotation(RolesAllowed.class);
        RequiresPermission permissions = e.getAnnotation(RequiresPermission.class);
        if (roles != null || permissions != null) {
            // @RolesAllowed({}) allows no role (JSR-250): a signed-out caller is asked to sign in, a signed-in one gets 403
            return new Rule(false, true, roles == null ? List.of() : List.of(roles.value()),
                    roles != null && roles.value().length == 0, permissions == null ? List.of() : List.of(permissions.value()));
        }
        if (e.isAnnotationPresent(RequiresSignIn.class)) {
            return new Rule(false, true, List.of(), false, List.of());
        }
        if (e.isAnnotationPresent(PermitAll.class)) {
            return new Rule(false, false, List.of(), false, List.of());
        }
        return null;
    }

    @Priority(Priorities.AUTHORIZATION)
    private static final class Check implements ContainerRequestFilter {
        private final Rule rule;
        private final AuthKit authKit;

        Check(Rule rule, AuthKit authKit) {
            this.rule = rule;
            this.authKit = authKit;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            JaxRsRequestView view = new JaxRsRequestView(request);
            if (rule.denyAll()) {
                request.abortWith(Responses.of(authKit.forbidden(view, "Nobody may use this.")));
                return;
            }
            if (!rule.signedIn()) {
                return; // @PermitAll
            }
            Auth auth = request.getProperty(AuthKitContainerFilter.AUTH_PROPERTY) instanceof Auth a ? a : Auth.signedOut();
            if (!auth.isSignedIn()) {
                request.abortWith(Responses.of(authKit.signInRequired(view)));
                return;
            }
            if (rule.noRole()) {
                request.abortWith(Responses.of(authKit.forbidden(view, "No role may use this.")));
                return;
            }
            boolean roleOk = rule.roles().isEmpty() || rule.roles().stream().anyMatch(auth::hasRole);
            if (!roleOk) {
                request.abortWith(Responses.of(authKit.forbidden(view, "You need the role "
                        + String.join(" or ", rule.roles()) + " in this organization.")));
                return;
            }
            List<String> missing = rule.permissions().stream().filter(p -> !auth.hasPermission(p)).toList();
            if (!missing.isEmpty()) {
                request.abortWith(Responses.of(authKit.forbidden(view, "You need the permission "
                        + String.join(" and ", missing) + ".")));
            }
        }
    }
}
