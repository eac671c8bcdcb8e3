package dev.authkit.testkit;

import java.util.List;
import java.util.Objects;

/**
 * A user's membership of an organization in {@link FakeWorkOS}: the roles and permissions that
 * the access token carries while the session is in that organization. The first role is the
 * {@code role} claim; all of them are {@code roles}.
 *
 * @param userId         the member
 * @param organizationId the organization
 * @param roles          role slugs, first one primary; default {@code member}
 * @param permissions    permission slugs such as {@code posts:write}
 */
public record FakeMembership(String userId, String organizationId, List<String> roles, List<String> permissions) {
    public FakeMembership {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(organizationId, "organizationId");
        roles = roles == null || roles.isEmpty() ? List.of("member") : List.copyOf(roles);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /** The primary role, the {@code role} claim. */
    public String role() {
        return roles.get(0);
    }
}
