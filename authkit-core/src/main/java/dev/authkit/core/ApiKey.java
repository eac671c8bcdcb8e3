package dev.authkit.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A WorkOS API key that a machine client presented and WorkOS recognized (see
 * {@link AuthKit#validateApiKey}). Never holds the key's secret value.
 *
 * @param id             WorkOS's id ({@code api_key_...})
 * @param name           the name given when the key was created
 * @param ownerType      who owns it, as WorkOS says ({@code organization})
 * @param ownerId        the owner's id ({@code org_...})
 * @param permissions    the permission slugs granted to the key
 */
public record ApiKey(String id, String name, String ownerType, String ownerId, List<String> permissions) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        ownerType = ownerType == null ? "" : ownerType;
        ownerId = ownerId == null ? "" : ownerId;
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /** The owning organization, when an organization owns the key. */
    public Optional<String> organizationId() {
        return ownerType.equals("organization") && !ownerId.isEmpty() ? Optional.of(ownerId) : Optional.empty();
    }

    public boolean hasPermission(String permission) {
        return permissions.contains(permission);
    }
}
