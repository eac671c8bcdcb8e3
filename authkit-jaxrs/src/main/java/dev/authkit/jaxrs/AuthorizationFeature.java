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
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;

/**
 * Enforces {@code @RolesAllowed}, {@code @DenyAll}, {@code @PermitAll}, {@link RequiresSignIn},
 * {@link RequiresPermission} and {@link RequiresRecentSignIn} on resource methods and classes (a method's annotation wins over its
 * class's). It only turns the annotations into an {@link AccessRule}; the decision and its message
 * are the core's ({@link AuthKit#authorize}), the same as in every other adapter.
 */
public final class AuthorizationFeature implements DynamicFeature {
    private final AuthKit authKit;

    public AuthorizationFeature(AuthKit authKit) {
        this.authKit = authKit;
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        rule(resourceInfo.getResourceMethod(), resourceInfo.getResourceClass())
                .ifPresent(rule -> context.register(new Check(rule, authKit)));
    }

    /** The rule the annotations of {@code method}, else of {@code type}, state; empty when neither has one. */
    static Optional<AccessRule> rule(Method method, Class<?> type) {
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

    @Priority(Priorities.AUTHORIZATION)
    private static final class Check implements ContainerRequestFilter {
        private final AccessRule rule;
        private final AuthKit authKit;

        Check(AccessRule rule, AuthKit authKit) {
            this.rule = rule;
            this.authKit = authKit;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            Auth auth = JaxRsAuthKit.auth(request);
            authKit.authorize(new JaxRsRequestView(request), auth, rule)
                    .ifPresent(outcome -> request.abortWith(Responses.of(outcome)));
        }
    }
}
