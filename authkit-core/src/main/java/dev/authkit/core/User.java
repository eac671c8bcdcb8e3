package dev.authkit.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A WorkOS user as authkit-nextjs keeps it in the session cookie (the Node SDK's camelCase shape).
 * Timestamps stay the ISO-8601 strings WorkOS sent, so a cookie re-sealed by Java reads the same
 * in Next.js. Optional fields are empty rather than null. Fields this record does not model (ones a
 * newer WorkOS SDK adds to the cookie) are kept in {@link #otherFields()} and written back as they
 * came, so re-sealing a cookie never drops what another application put there.
 *
 * @param id                WorkOS user id ({@code user_...})
 * @param email             the user's email address
 * @param emailVerified     whether WorkOS has verified the email address
 * @param firstName         given name, if known
 * @param lastName          family name, if known
 * @param profilePictureUrl avatar URL, if known
 * @param lastSignInAt      ISO-8601 time of the last sign-in, if known
 * @param externalId        your own id for the user, if set in WorkOS
 * @param locale            the user's locale, if known
 * @param metadata          custom key/value metadata; empty when none
 * @param createdAt         ISO-8601 creation time
 * @param updatedAt         ISO-8601 time of the last change
 * @param name              the full name WorkOS reports ({@code name}), if known
 * @param otherFields       fields of the cookie's user object that none of the above covers, by
 *                          name, each value the field's JSON text ({@code "\"x\""}, {@code 42},
 *                          {@code null}, ...), in cookie order; empty when none
 */
public record User(
        String id,
        String email,
        boolean emailVerified,
        Optional<String> firstName,
        Optional<String> lastName,
        Optional<String> profilePictureUrl,
        Optional<String> lastSignInAt,
        Optional<String> externalId,
        Optional<String> locale,
        Map<String, String> metadata,
        String createdAt,
        String updatedAt,
        Optional<String> name,
        Map<String, String> otherFields) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        firstName = firstName == null ? Optional.empty() : firstName;
        lastName = lastName == null ? Optional.empty() : lastName;
        profilePictureUrl = profilePictureUrl == null ? Optional.empty() : profilePictureUrl;
        lastSignInAt = lastSignInAt == null ? Optional.empty() : lastSignInAt;
        externalId = externalId == null ? Optional.empty() : externalId;
        locale = locale == null ? Optional.empty() : locale;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        createdAt = createdAt == null ? "" : createdAt;
        updatedAt = updatedAt == null ? "" : updatedAt;
        name = name == null ? Optional.empty() : name;
        otherFields = otherFields == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(otherFields));
    }

    /** A user without a full name and without other fields. */
    public User(String id, String email, boolean emailVerified, Optional<String> firstName, Optional<String> lastName,
                Optional<String> profilePictureUrl, Optional<String> lastSignInAt, Optional<String> externalId,
                Optional<String> locale, Map<String, String> metadata, String createdAt, String updatedAt) {
        this(id, email, emailVerified, firstName, lastName, profilePictureUrl, lastSignInAt, externalId, locale,
                metadata, createdAt, updatedAt, Optional.empty(), Map.of());
    }

    /** The full name WorkOS reports, else "First Last" or whichever is known, else the email address. */
    public String displayName() {
        if (name.isPresent() && !name.get().isBlank()) {
            return name.get();
        }
        String full = (firstName.orElse("") + " " + lastName.orElse("")).trim();
        return full.isEmpty() ? email : full;
    }
}
