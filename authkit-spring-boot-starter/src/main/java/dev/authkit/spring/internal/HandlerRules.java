package dev.authkit.spring.internal;

import dev.authkit.core.AccessRule;
import dev.authkit.spring.RequiresRecentSignIn;
import dev.authkit.spring.RequiresSignIn;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * The {@link AccessRule} of a handler method, read from its annotations: one reading for Spring MVC
 * ({@link AuthKitWebMvcConfigurer}) and WebFlux ({@link AuthKitHandlerAdapter}), so both stacks ask
 * the core the same question and get the same answers. Uses only {@code spring-web} types.
 */
public final class HandlerRules {
    private HandlerRules() {
    }

    /**
     * The rule of a handler: its method's annotations, else its class's. {@link RequiresSignIn}
     * asks for any of its roles and all of its permissions; {@link RequiresRecentSignIn} adds a
     * step-up; JSR-250's {@code @DenyAll}, {@code @PermitAll} and {@code @RolesAllowed} (when
     * {@code jakarta.annotation-api} is on the class path) mean what they mean in the JAX-RS adapter,
     * {@code @RolesAllowed({})} letting no role in. Empty when neither carries one.
     */
    public static Optional<AccessRule> rule(HandlerMethod method) {
        Optional<AccessRule> rule = rule(method.getMethod());
        return rule.isPresent() ? rule : rule(method.getBeanType());
    }

    private static final String JSR250 = "jakarta.annotation.security.";
    private static final Optional<Class<? extends Annotation>> DENY_ALL = annotation(JSR250 + "DenyAll");
    private static final Optional<Class<? extends Annotation>> PERMIT_ALL = annotation(JSR250 + "PermitAll");
    private static final Optional<Class<? extends Annotation>> ROLES_ALLOWED = annotation(JSR250 + "RolesAllowed");

    private static Optional<AccessRule> rule(AnnotatedElement e) {
        RequiresRecentSignIn recent = AnnotatedElementUtils.findMergedAnnotation(e, RequiresRecentSignIn.class);
        Optional<AccessRule> rule = baseRule(e);
        if (recent == null) {
            return rule;
        }
        return Optional.of(rule.orElse(AccessRule.signedIn()).andSignedInWithin(Duration.ofSeconds(recent.seconds())));
    }

    private static Optional<AccessRule> baseRule(AnnotatedElement e) {
        if (DENY_ALL.isPresent() && AnnotatedElementUtils.hasAnnotation(e, DENY_ALL.get())) {
            return Optional.of(AccessRule.denyAll());
        }
        Annotation rolesAllowed = ROLES_ALLOWED.map(type -> (Annotation) AnnotatedElementUtils.findMergedAnnotation(e, type))
                .orElse(null);
        RequiresSignIn requires = AnnotatedElementUtils.findMergedAnnotation(e, RequiresSignIn.class);
        if (rolesAllowed != null || requires != null) {
            AccessRule rule = AccessRule.signedIn();
            if (rolesAllowed != null) {
                rule = rule.andAnyRole((String[]) AnnotationUtils.getValue(rolesAllowed));
            }
            if (requires != null && requires.roles().length > 0) {
                rule = rule.andAnyRole(requires.roles());
            }
            return Optional.of(requires == null ? rule : rule.andAllPermissions(requires.permissions()));
        }
        if (PERMIT_ALL.isPresent() && AnnotatedElementUtils.hasAnnotation(e, PERMIT_ALL.get())) {
            return Optional.of(AccessRule.permitAll());
        }
        return Optional.empty();
    }

    private static Optional<Class<? extends Annotation>> annotation(String name) {
        ClassLoader loader = HandlerRules.class.getClassLoader();
        if (!ClassUtils.isPresent(name, loader)) {
            return Optional.empty();
        }
        return Optional.of(ClassUtils.resolveClassName(name, loader).asSubclass(Annotation.class));
    }
}
