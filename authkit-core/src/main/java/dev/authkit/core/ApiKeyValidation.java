package dev.authkit.core;

import java.util.Objects;

/** What {@link AuthKit#validateApiKey} found: a key WorkOS recognized, none, or no answer from WorkOS. */
public sealed interface ApiKeyValidation {

    /** WorkOS recognized the key. */
    record Valid(ApiKey apiKey) implements ApiKeyValidation {
        public Valid {
            Objects.requireNonNull(apiKey, "apiKey");
        }
    }

    /**
     * No key: no {@code Authorization: Bearer} value, an empty one, or one WorkOS does not know
     * (authkit-nextjs's {@code {apiKey: null}}). Answer 401.
     */
    record Invalid() implements ApiKeyValidation {
    }

    /** WorkOS could not be asked (network, 408, 429, 5xx): answer 503 and let the client retry; the key may be fine. */
    record Unavailable(String reason) implements ApiKeyValidation {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean isValid() {
        return this instanceof Valid;
    }
}
