package dev.authkit.jaxrs;

import dev.authkit.core.Auth;
import java.security.Principal;
import java.util.Objects;

/**
 * The caller as a {@link Principal}: the name is the WorkOS user id; {@link #auth()} has the
 * rest. Carrying the {@link Auth} here lets {@link JaxRsAuthKit#auth} find it through the
 * proxies JAX-RS implementations inject for {@code @Context SecurityContext}.
 *
 * @param auth the request's auth, signed in
 */
public record AuthKitPrincipal(Auth auth) implements Principal {
    public AuthKitPrincipal {
        Objects.requireNonNull(auth, "auth");
    }

    @Override
    public String getName() {
        return auth.userId().orElseThrow();
    }
}
