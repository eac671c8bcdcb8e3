package dev.authkit.servlet;

import dev.authkit.core.User;
import java.security.Principal;
import java.util.Objects;

/**
 * The signed-in WorkOS user as a {@link Principal}: {@link #getName()} is the WorkOS user id
 * ({@code user_...}), stable across email changes.
 *
 * @param user the WorkOS user
 */
public record WorkOSPrincipal(User user) implements Principal {
    public WorkOSPrincipal {
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String getName() {
        return user.id();
    }
}
