package dev.authkit.jaxrs;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitOptions;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.core.RevocationList;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    /** The environment variable naming the Redis that coordinates refreshes across instances (as for the servlet filter). */
    public static final String REDIS_URI = "AUTHKIT_REDIS_URI";
    /** The environment variable naming the revocation list shared between instances (as for the servlet filter). */
    public static final String REVOCATION_LIST_URI = "AUTHKIT_REVOCATION_LIST_URI";

    private final AuthKit authKit;

    public AuthKitFeature(AuthKit authKit) {
        this.authKit = Objects.requireNonNull(authKit, "authKit");
    }

    /** {@link #from(Map)} with the process environment. */
    public static AuthKitFeature fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * A feature whose AuthKit is configured from the {@code WORKOS_*} variables
     * ({@link AuthKitConfig#fromMap}, {@code WORKOS_WEBHOOK_SECRET} included), the session limits
     * {@code AUTHKIT_INACTIVITY_TIMEOUT} and {@code AUTHKIT_ABSOLUTE_TIMEOUT}
     * ({@link AuthKitOptions#ENVIRONMENT}), and, with {@code authkit-redis} on the class path,
     * {@code AUTHKIT_REDIS_URI} (refresh coordination) and {@code AUTHKIT_REVOCATION_LIST_URI} (a
     * shared revocation list). What it creates lives as long as the application.
     *
     * @throws dev.authkit.core.AuthKitConfigException naming the bad variable
     */
    public static AuthKitFeature from(Map<String, String> vars) {
        AuthKit.Builder b = AuthKitOptions.parser().environment(vars).parse(Map.of())
                .applyTo(AuthKit.builder(AuthKitConfig.fromMap(vars)));
        coordination(vars).ifPresent(b::refreshCoordination);
        String revocations = vars.get(REVOCATION_LIST_URI);
        if (revocations != null && !revocations.isBlank()) {
            b.revocationList(RevocationList.fromUri(revocations.trim()));
        }
        return new AuthKitFeature(b.build());
    }

    /** The refresh coordination {@code AUTHKIT_REDIS_URI} names, through {@link RefreshCoordination#fromUri}; empty when unset. */
    public static Optional<RefreshCoordination> coordination(Map<String, String> vars) {
        String uri = vars.get(REDIS_URI);
        return uri == null || uri.isBlank() ? Optional.empty() : Optional.of(RefreshCoordination.fromUri(uri.trim()));
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.register(new AuthKitContainerFilter(authKit));
        // a plain filter, not a DynamicFeature: some runtimes ignore dynamic features registered here
        context.register(AuthKitGuard.class);
        return true;
    }
}
