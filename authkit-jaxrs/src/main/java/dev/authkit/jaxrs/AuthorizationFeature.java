package dev.authkit.jaxrs;

import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.Outcome;
import dev.authkit.core.SignInOptions;
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
import java.util.Locale;

/**
 * Enforces {@code @RolesAllowed}, {@code @DenyAll}, {@code @PermitAll} and {@link RequiresPermission}
 * on resource methods and classes (a method's annotation wins over its class's). A signed-out
 * caller is sent to sign in when the request is a page load ({@code Accept: text/html}) and gets
 * 401 otherwise; a signed-in caller without the role or permission gets 403.
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

    private record Rule(boolean denyAll, List<String> roles, List<String> permissions) {
    }

    private static Rule rule(AnnotatedElement e) {
        if (e == null) {
            return null;
        }
        if (e.isAnnotationPresent(DenyAll.class)) {
            return new Rule(true, List.of(), List.of());
        }
        RolesAllowed roles = e.getAnnotation(RolesAllowed.class);
        RequiresPermission permissions = e.getAnnotation(RequiresPermission.class);
        if (roles != null || permissions != null) {
            return new Rule(false, roles == null ? List.of() : List.of(roles.value()),
                    permissions == null ? List.of() : List.of(permissions.value()));
        }
        if (e.isAnnotationPresent(PermitAll.class)) {
            return new Rule(false, List.of(), List.of());
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
            if (rule.denyAll()) {
                request.abortWith(json(403, "forbidden"));
                return;
            }
            if (rule.roles().isEmpty() && rule.permissions().isEmpty()) {
                return; // @PermitAll
            }
            Auth auth = request.getProperty(AuthKitContainerFilter.AUTH_PROPERTY) instanceof Auth a ? a : Auth.signedOut();
            if (!auth.isSignedIn()) {
                request.abortWith(signIn(request));
                return;
            }
            boolean roleOk = rule.roles().isEmpty() || rule.roles().stream().anyMatch(auth::hasRole);
            boolean permissionsOk = rule.permissions().stream().allMatch(auth::hasPermission);
            if (!roleOk || !permissionsOk) {
                request.abortWith(json(403, "forbidden"));
            }
        }

        private Response signIn(ContainerRequestContext request) {
            boolean page = request.getHeaders().getOrDefault("Accept", List.of()).stream()
                    .anyMatch(a -> a.toLowerCase(Locale.ROOT).contains("text/html"));
            if (!page) {
                return Response.status(401).header("WWW-Authenticate", "Bearer").header("Cache-Control", "no-store")
                        .entity("{\"error\":\"unauthorized\"}").type("application/json").build();
            }
            String uri = request.getUriInfo().getRequestUri().getRawPath();
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            AuthorizationRedirect redirect = authKit.flow().signInUrl(new JaxRsRequestView(request),
                    SignInOptions.builder().returnTo(query == null ? uri : uri + "?" + query).build());
            int status = request.getMethod().equals("GET") || request.getMethod().equals("HEAD") ? 307 : 303;
            return Responses.of(new Outcome.Redirect(redirect.url(), status, redirect.cookies(), List.of()));
        }

        private static Response json(int status, String error) {
            return Response.status(status).entity("{\"error\":\"" + error + "\"}").type("application/json")
                    .header("Cache-Control", "no-store").build();
        }
    }
}
