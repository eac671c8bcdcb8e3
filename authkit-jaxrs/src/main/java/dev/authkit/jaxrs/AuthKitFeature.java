package dev.authkit.jaxrs;

import dev.authkit.core.AuthKit;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;

/**
 * authkit for a Jakarta REST application: register it and every request goes through
 * {@link AuthKit#handle} (session refresh, route protection, the callback, sign-in, sign-out and
 * JSON routes, bearer tokens when the AuthKit accepts them), resources see an
 * {@link AuthKitSecurityContext}, and {@code @RolesAllowed} and {@link RequiresPermission} are enforced.
 *
 * <p>Paths are relative to the application's base URI ({@code UriInfo.getBaseUri()}: the context
 * path and servlet mapping with {@code @ApplicationPath}, or the path an embedded server serves):
 * under {@code /app}, the glob {@code "/"} is {@code /app/} and sign-in is {@code /app/auth/sign-in},
 * as behind the servlet filter. The redirect URI stays an absolute URL.
 *
 * <pre>{@code
 * AuthKit authKit = AuthKit.builder(AuthKitConfig.fromEnvironment()).acceptBearerTokens(true).build();
 * new ResourceConfig().register(new AuthKitFeature(authKit)).register(MyResource.class);
 * }</pre>
 */
public final class AuthKitFeature implements Feature {
    private final AuthKit authKit;

    public AuthKitFeature(AuthKit authKit) {
        this.authKit = Objects.requireNonNull(authKit, "authKit");
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.register(new AuthKitContainerFilter(authKit));
        // a plain filter, not a DynamicFeature: some runtimes ignore dynamic features registered here
        context.register(AuthKitGuard.class);
        return true;
    }
}
