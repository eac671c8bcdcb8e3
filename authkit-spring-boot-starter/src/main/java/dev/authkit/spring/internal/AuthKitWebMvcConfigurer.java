package dev.authkit.spring.internal;

import dev.authkit.core.Auth;
import dev.authkit.servlet.ServletAuthKit;
import dev.authkit.spring.RequiresSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
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

    /** Answers for the handler when {@link RequiresSignIn} on its method (or else its class) is not met. */
    static final class RequiresSignInInterceptor implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
            if (!(handler instanceof HandlerMethod method)) {
                return true;
            }
            RequiresSignIn rule = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresSignIn.class);
            if (rule == null) {
                rule = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresSignIn.class);
            }
            if (rule == null) {
                return true;
            }
            Auth auth = ServletAuthKit.withAuth(request);
            if (!auth.isSignedIn()) {
                ServletAuthKit.ensureSignedIn(request, response);
                return false;
            }
            if (rule.roles().length > 0 && Arrays.stream(rule.roles()).noneMatch(auth::hasRole)) {
                ServletAuthKit.forbidden(request, response, "You need one of the roles " + String.join(", ", rule.roles()) + ".");
                return false;
            }
            for (String permission : rule.permissions()) {
                if (!auth.hasPermission(permission)) {
                    ServletAuthKit.forbidden(request, response, "You need the permission " + permission + ".");
                    return false;
                }
            }
            return true;
        }
    }
}
