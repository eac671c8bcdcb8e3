package dev.authkit.spring.internal;

import dev.authkit.core.AccessRule;
import dev.authkit.core.Auth;
import dev.authkit.servlet.ServletAuthKit;
import dev.authkit.spring.RequiresRecentSignIn;
import dev.authkit.spring.RequiresSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Spring MVC: {@link Auth} handler parameters, and {@link RequiresSignIn} checked before the handler runs. */
public final class AuthKitWebMvcConfigurer implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthArgumentResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RequiresSignInInterceptor());
    }

    /** An {@code Auth} parameter is the request's {@link Auth} ({@link Auth#signedOut()} when nobody is signed in). */
    static final class AuthArgumentResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Auth.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest webRequest,
                                      WebDataBinderFactory binderFactory) {
            return ServletAuthKit.withAuth(webRequest.getNativeRequest(HttpServletRequest.class));
        }
    }

    /**
     * Turns the handler's annotations into an {@link AccessRule} and lets the core decide
     * ({@link dev.authkit.core.AuthKit#authorize}); the answer, when there is one, is carried out
     * like every authkit outcome (an HTML error through {@code sendError}, so Spring's error page
     * shows it).
     */
    static final class RequiresSignInInterceptor implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
            if (!(handler instanceof HandlerMethod method)) {
                return true;
            }
            Optional<AccessRule> rule = rule(method);
            if (rule.isEmpty()) {
                return true;
            }
            return ServletAuthKit.authorize(request, response, rule.get());
        }
    }

    /**
     * The rule of a handler: its method's annotations, else its class's. {@link RequiresSignIn}
     * asks for any of its roles and all of its permissions; JSR-250's {@code @DenyAll},
     * {@code @PermitAll} and {@code @RolesAllowed} (when {@code jakarta.annotation-api} is on the
     * class path) mean what they mean in the JAX-RS adapter, {@code @RolesAllowed({})} letting no
     * role in. Empty when neither carries one.
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
        ClassLoader loader = AuthKitWebMvcConfigurer.class.getClassLoader();
        if (!ClassUtils.isPresent(name, loader)) {
            return Optional.empty();
        }
        return Optional.of(ClassUtils.resolveClassName(name, loader).asSubclass(Annotation.class));
    }
}
