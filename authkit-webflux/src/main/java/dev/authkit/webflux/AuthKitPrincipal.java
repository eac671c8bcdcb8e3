package dev.authkit.webflux;

import dev.authkit.core.Auth;
import java.security.Principal;
import java.util.Objects;

/**
 * The signed-in WorkOS user as {@code ServerWebExchange.getPrincipal()}: its name is the WorkOS
 * user id, and the whole {@link Auth} (roles, permissions, organization) is one call away.
 *
 * @param auth a signed-in {@link Auth}
 */
public record AuthKitPrincipal(Auth auth) implements Principal {
    public AuthKitPrincipal {
        Objects.requireNonNull(auth, "auth");
        if (auth.user().isEmpty()) {
            throw new IllegalArgumentException("a principal needs a signed-in Auth");
        }
    }

    /** The WorkOS user id ({@code user_...}). */
    @Override
    public String getName() {
        return auth.user().orElseThrow().id();
    }
}
