package dev.authkit.testkit;

import java.util.List;
import java.util.Objects;

/**
 * An organization seeded into {@link FakeWorkOS}. Entitlements and feature flags belong to the
 * organization and appear in the access token of every session in it.
 *
 * @param id           WorkOS-style id ({@code org_...})
 * @param name         display name
 * @param entitlements the {@code entitlements} claim for sessions in this organization
 * @param featureFlags the {@code feature_flags} claim for sessions in this organization
 * @param requirement  what switching a session into this organization demands; {@link Requirement#NONE} by default
 */
public record FakeOrganization(String id, String name, List<String> entitlements, List<String> featureFlags,
                               Requirement requirement) {

    /** A re-authentication WorkOS demands before a session may enter the organization. */
    public enum Requirement {
        NONE,
        /** Answer refreshes into this organization with 403 {@code sso_required}. */
        SSO,
        /** Answer refreshes into this organization with 403 {@code mfa_enrollment}. */
        MFA_ENROLLMENT
    }

    public FakeOrganization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        entitlements = entitlements == null ? List.of() : List.copyOf(entitlements);
        featureFlags = featureFlags == null ? List.of() : List.copyOf(featureFlags);
        requirement = requirement == null ? Requirement.NONE : requirement;
    }

    public FakeOrganization withEntitlements(String... entitlements) {
        return new FakeOrganization(id, name, List.of(entitlements), featureFlags, requirement);
    }

    public FakeOrganization withFeatureFlags(String... featureFlags) {
        return new FakeOrganization(id, name, entitlements, List.of(featureFlags), requirement);
    }

    public FakeOrganization requiring(Requirement requirement) {
        return new FakeOrganization(id, name, entitlements, featureFlags, requirement);
    }
}
