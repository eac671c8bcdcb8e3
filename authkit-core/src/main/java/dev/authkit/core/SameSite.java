package dev.authkit.core;

import java.util.Locale;
import java.util.Optional;

/** The {@code SameSite} attribute of the cookies authkit writes. Default {@link #LAX}. */
public enum SameSite {
    LAX("Lax"),
    STRICT("Strict"),
    /** Cross-site cookies; browsers require {@code Secure} with it, so authkit always adds it. */
    NONE("None");

    private final String attributeValue;

    SameSite(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /** The value as written in a {@code Set-Cookie} header: {@code Lax}, {@code Strict} or {@code None}. */
    public String attributeValue() {
        return attributeValue;
    }

    /** Parses {@code lax}, {@code strict} or {@code none} in any letter case. */
    public static Optional<SameSite> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "lax":
                return Optional.of(LAX);
            case "strict":
                return Optional.of(STRICT);
            case "none":
                return Optional.of(NONE);
            default:
                return Optional.empty();
        }
    }
}
