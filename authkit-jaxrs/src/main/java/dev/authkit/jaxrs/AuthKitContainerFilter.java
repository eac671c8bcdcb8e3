package dev.authkit.jaxrs;

import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.jaxrs.internal.JaxRsRequestView;
import dev.authkit.jaxrs.internal.Responses;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.ArrayList;
import java.util.Objects;

/**
 * Runs {@link AuthKit#handle} before resource matching. A redirect or direct answer ends the
 * request there; otherwise the request goes on with an {@link AuthKitSecurityContext}, its
 * {@code x-workos-*} headers removed, and the outcome's cookies and headers are added to the
 * resource's response. Registered by {@link AuthKitFeature}, always together with
 * {@link AuthKitGuard}, which enforces the authorization annotations after matching.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthKitContainerFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** Request property holding the {@link Auth}. */
    public static final String AUTH_PROPERTY = Auth.class.getName();
    /** Request property holding the {@link AuthKit} that handled the request, for {@link AuthKitGuard}. */
    public static final String AUTHKIT_PROPERTY = AuthKit.class.getName();
    private static final String OUTCOME_PROPERTY = Outcome.class.getName();

    private final AuthKit authKit;

    public AuthKitContainerFilter(AuthKit authKit) {
        this.authKit = Objects.requireNonNull(authKit, "authKit");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Outcome outcome = authKit.handle(new JaxRsRequestView(request));
        if (!(outcome instanceof Outcome.Continue c)) {
            request.abortWith(Responses.of(outcome));
            return;
        }
        for (String name : new ArrayList<>(request.getHeaders().keySet())) {
            if (AuthKit.isReservedRequestHeader(name)) {
                request.getHeaders().remove(name);
            }
        }
        request.setProperty(AUTH_PROPERTY, c.auth());
        request.setProperty(AUTHKIT_PROPERTY, authKit);
        request.setProperty(OUTCOME_PROPERTY, c);
        request.setSecurityContext(new AuthKitSecurityContext(c.auth(),
                "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme())));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(OUTCOME_PROPERTY) instanceof Outcome.Continue c) {
            Responses.addTo(c, response.getHeaders());
        }
    }
}
