package dev.authkit.spring.internal;

import dev.authkit.core.AccessRule;
import dev.authkit.core.Auth;
import dev.authkit.servlet.ServletAuthKit;
import dev.authkit.spring.RequiresSignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.core.MethodParameter;
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

    /** The rule of a handler ({@link HandlerRules#rule}), the same for Spring MVC and WebFlux. */
    public static Optional<AccessRule> rule(HandlerMethod method) {
        return HandlerRules.rule(method);
    }
}
