package dev.authkit.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user seeded into {@link FakeWorkOS}. Build one with {@link #builder(String)}; the fake assigns
 * an id when none is given.
 *
 * @param id                WorkOS-style id ({@code user_...})
 * @param email             email address, unique within one fake
 * @param emailVerified     default true
 * @param firstName         optional
 * @param lastName          optional
 * @param profilePictureUrl optional
 * @param externalId        optional
 * @param locale            optional
 * @param metadata          custom metadata; empty by default
 * @param createdAt         creation time
 * @param requiresOrganizationSelection a sign-in without an organization, for a member of several, is answered
 *                          {@code organization_selection_required} (see {@link Builder#requiresOrganizationSelection})
 */
public record FakeUser(
        String id,
        String email,
        boolean emailVerified,
        Optional<String> firstName,
        Optional<String> lastName,
        Optional<String> profilePictureUrl,
        Optional<String> externalId,
        Optional<String> locale,
        Map<String, String> metadata,
        Instant createdAt,
        boolean requiresOrganizationSelection) {

    public FakeUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        firstName = firstName == null ? Optional.empty() : firstName;
        lastName = lastName == null ? Optional.empty() : lastName;
        profilePictureUrl = profilePictureUrl == null ? Optional.empty() : profilePictureUrl;
        externalId = externalId == null ? Optional.empty() : externalId;
        locale = locale == null ? Optional.empty() : locale;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static Builder builder(String email) {
        return new Builder(email);
    }

    /** "First Last", or the email address. */
    public String displayName() {
        String name = (firstName.orElse("") + " " + lastName.orElse("")).trim();
        return name.isEmpty() ? email : name;
    }

    /** Builds a {@link FakeUser}. */
    public static final class Builder {
        private String id;
        private final String email;
        private boolean emailVerified = true;
        private String firstName;
        private String lastName;
        private String profilePictureUrl;
        private String externalId;
        private String locale;
        private Map<String, String> metadata = Map.of();
        private Instant createdAt = Instant.parse("2024-01-01T00:00:00Z");
        private boolean requiresOrganizationSelection;

        private Builder(String email) {
            this.email = Objects.requireNonNull(email, "email");
        }

        /** Default: {@code user_} plus a counter assigned by the fake. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder emailVerified(boolean emailVerified) {
            this.emailVerified = emailVerified;
            return this;
        }

        public Builder name(String firstName, String lastName) {
            this.firstName = firstName;
            this.lastName = lastName;
            return this;
        }

        public Builder profilePictureUrl(String url) {
            this.profilePictureUrl = url;
            return this;
        }

        public Builder externalId(String externalId) {
            this.externalId = externalId;
            return this;
        }

        public Builder locale(String locale) {
            this.locale = locale;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata");
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
            return this;
        }

        /**
         * WorkOS asks this user to choose an organization: a code exchange for a sign-in that named
         * none, while the user is a member of two or more, answers 403
         * {@code organization_selection_required} with a pending authentication token and the
         * organizations, to be completed with the organization-selection grant.
         */
        public Builder requiresOrganizationSelection() {
            this.requiresOrganizationSelection = true;
            return this;
        }

        FakeUser build(String assignedId) {
            return new FakeUser(id != null ? id : assignedId, email, emailVerified, Optional.ofNullable(firstName),
                    Optional.ofNullable(lastName), Optional.ofNullable(profilePictureUrl), Optional.ofNullable(externalId),
                    Optional.ofNullable(locale), metadata, createdAt, requiresOrganizationSelection);
        }

        boolean hasId() {
            return id != null;
        }
    }
}
