package dev.authkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The WorkOS dashboard administrator signed in as a user through impersonation. Show it: users
 * should be able to see that someone else is acting as them.
 *
 * @param email  the administrator's email address
 * @param reason the reason they gave, if any
 */
public record Impersonator(String email, Optional<String> reason) {
    public Impersonator {
        Objects.requireNonNull(email, "email");
        reason = reason == null ? Optional.empty() : reason;
    }
}
