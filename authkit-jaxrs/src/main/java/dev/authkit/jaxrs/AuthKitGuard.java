package dev.authkit.jaxrs;

import dev.authkit.core.AccessRule;
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
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Enforces {@code @RolesAllowed}, {@code @DenyAll}, {@code @PermitAll}, {@link RequiresSignIn},
 * {@link RequiresPermission} and {@link RequiresRecentSignIn} on resource methods and classes (a method's annotation wins over its
 * class's). It only turns the annotations into an {@link AccessRule}; the decision and its message
 * are the core's ({@link AuthKit#authorize}), the same as in every other adapter.
 *
 * <p>A plain request filter that reads the matched method from {@link ResourceInfo} on every
 * request, not a {@code DynamicFeature}: runtimes that discover dynamic features at build time
 * (Quarkus REST) ignore one registered from a {@code Feature}, and the guards would be silently
 * off. {@link AuthKitFeature} registers it beside {@link AuthKitContainerFilter}; register both
 * wherever you register one. When an annotated method is reached by a request that did not go
 * through {@link AuthKitContainerFilter}, the guard refuses it (503, logged once): it fails closed.
 */
@Priority(Priorities.AUTHORIZATION)
public final class AuthKitGuard implements ContainerRequestFilter {
    private static final System.Logger LOG = System.getLogger(AuthKitGuard.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    @Context
    private ResourceInfo resourceInfo;

    /** For the JAX-RS runtime, which injects {@link ResourceInfo}. */
    public AuthKitGuard() {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        check(request, resourceInfo);
    }

    /**
     * The guard's work, for runtimes whose providers are written another way: refuses (aborts)
     * {@code request} when the annotations of the matched method or class refuse its caller.
     */
    public static void check(ContainerRequestContext request, ResourceInfo info) {
        Method method = info == null ? null : info.getResourceMethod();
        Class<?> type = info == null ? null : info.getResourceClass();
        if (method == null && type == null) {
            return;
        }
        Optional<AccessRule> rule = rule(method, type);
        if (rule.isEmpty()) {
            return;
        }
        if (!(request.getProperty(AuthKitContainerFilter.AUTHKIT_PROPERTY) instanceof AuthKit authKit)) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.ERROR, "a resource guarded by an authkit annotation was reached without AuthKitContainerFilter: refused; "
                        + "register AuthKitFeature (or AuthKitContainerFilter and AuthKitGuard together; on Quarkus, add authkit-quarkus)");
            }
            request.abortWith(Response.status(503).header("Retry-After", "60").build());
            return;
        }
        Auth auth = JaxRsAuthKit.auth(request);
        authKit.authorize(new JaxRsRequestView(request), auth, rule.get())
                .ifPresent(outcome -> request.abortWith(Responses.of(outcome)));
    }

    /** The rule the annotations of {@code method}, else of {@code type}, state; empty when neither has one. */
    public static Optional<AccessRule> rule(Method method, Class<?> type) {
        Optional<AccessRule> rule = rule(method);
        return rule.isPresent() ? rule : rule(type);
    }

    private static Optional<AccessRule> rule(AnnotatedElement e) {
        RequiresRecentSignIn recent = e == null ? null : e.getAnnotation(RequiresRecentSignIn.class);
        Optional<AccessRule> rule = baseRule(e);
        if (recent == null) {
            return rule;
        }
        return Optional.of(rule.orElse(AccessRule.signedIn()).andSignedInWithin(Duration.ofSeconds(recent.seconds())));
    }

    private static Optional<AccessRule> baseRule(AnnotatedElement e) {
        if (e == null) {
            return Optional.empty();
        }
        if (e.isAnnotationPresent(DenyAll.class)) {
            return Optional.of(AccessRule.denyAll());
        }
        RolesAllowed roles = e.getAnnotation(RolesAllowed.class);
        RequiresPermission permissions = e.getAnnotation(RequiresPermission.class);
        if (roles != null || permissions != null) {
            // @RolesAllowed({}) allows no role (JSR-250); AccessRule.anyRole() with no role says the same
            AccessRule rule = roles == null ? AccessRule.signedIn() : AccessRule.anyRole(roles.value());
            return Optional.of(permissions == null ? rule : rule.andAllPermissions(permissions.value()));
        }
        if (e.isAnnotationPresent(RequiresSignIn.class)) {
            return Optional.of(AccessRule.signedIn());
        }
        if (e.isAnnotationPresent(PermitAll.class)) {
            return Optional.of(AccessRule.permitAll());
        }
        return Optional.empty();
    }
}
