package dev.authkit.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Options of a sign-in or sign-up URL (authkit-nextjs {@code getSignInUrl}/{@code getSignUpUrl}).
 * Build with {@link #builder()}; every option is optional.
 *
 * @param screenHint     sign-in (default) or sign-up screen
 * @param organizationId sign in to this organization
 * @param loginHint      pre-fill this email address
 * @param prompt         {@code consent} to ask again
 * @param state          your own state, handed back to the callback's {@code onSuccess}; at most 2048 UTF-8 bytes
 * @param returnTo       where the callback sends the user: a path and query on this application
 * @param redirectUri    overrides the configured redirect URI for this flow
 * @param maxAge         step-up: WorkOS asks the user to authenticate again unless they did within this long
 *                       ({@code max_age} in whole seconds on the authorization URL; zero always asks)
 */
public record SignInOptions(ScreenHint screenHint, Optional<String> organizationId, Optional<String> loginHint,
                            Optional<String> prompt, Optional<String> state, Optional<String> returnTo,
                            Optional<String> redirectUri, Optional<Duration> maxAge) {
    /** authkit-nextjs's limit on custom state, in UTF-8 bytes. */
    public static final int MAX_STATE_BYTES = 2048;

    public SignInOptions {
        screenHint = screenHint == null ? ScreenHint.SIGN_IN : screenHint;
        organizationId = organizationId == null ? Optional.empty() : organizationId;
        loginHint = loginHint == null ? Optional.empty() : loginHint;
        prompt = prompt == null ? Optional.empty() : prompt;
        state = state == null ? Optional.empty() : state;
        returnTo = returnTo == null ? Optional.empty() : returnTo;
        redirectUri = redirectUri == null ? Optional.empty() : redirectUri;
        maxAge = maxAge == null ? Optional.empty() : maxAge;
        maxAge.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative");
            }
        });
        state.ifPresent(s -> {
            int bytes = s.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_STATE_BYTES) {
                throw new IllegalArgumentException("custom state is " + bytes + " bytes; at most " + MAX_STATE_BYTES
                        + " fit in the sign-in cookie");
            }
        });
    }

    public static SignInOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.screenHint = screenHint;
        b.organizationId = organizationId.orElse(null);
        b.loginHint = loginHint.orElse(null);
        b.prompt = prompt.orElse(null);
        b.state = state.orElse(null);
        b.returnTo = returnTo.orElse(null);
        b.redirectUri = redirectUri.orElse(null);
        b.maxAge = maxAge.orElse(null);
        return b;
    }

    /** Builds {@link SignInOptions}. */
    public static final class Builder {
        private ScreenHint screenHint = ScreenHint.SIGN_IN;
        private String organizationId;
        private String loginHint;
        private String prompt;
        private String state;
        private String returnTo;
        private String redirectUri;
        private Duration maxAge;

        private Builder() {
        }

        public Builder screenHint(ScreenHint screenHint) {
            this.screenHint = screenHint;
            return this;
        }

        public Builder organizationId(String organizationId) {
            this.organizationId = organizationId;
            return this;
        }

        public Builder loginHint(String loginHint) {
            this.loginHint = loginHint;
            return this;
        }

        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder returnTo(String returnTo) {
            this.returnTo = returnTo;
            return this;
        }

        public Builder redirectUri(String redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        /**
         * Step-up: WorkOS shows its sign-in again unless the user authenticated within
         * {@code maxAge} ({@code max_age} on the authorization URL, in whole seconds); the new
         * session's {@code auth_time} is the new sign-in. {@code null} for none (the default).
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        public SignInOptions build() {
            return new SignInOptions(screenHint, Optional.ofNullable(organizationId), Optional.ofNullable(loginHint),
                    Optional.ofNullable(prompt), Optional.ofNullable(state), Optional.ofNullable(returnTo),
                    Optional.ofNullable(redirectUri), Optional.ofNullable(maxAge));
        }
    }
}
