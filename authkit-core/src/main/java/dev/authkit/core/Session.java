package dev.authkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What the session cookie holds once unsealed: exactly the object authkit-nextjs seals,
 * {@code {accessToken, refreshToken, user, impersonator?, authenticationMethod?}}, so the cookie
 * is shared with Next.js apps in both directions.
 *
 * <p>{@link #toString()} hides both tokens.
 *
 * @param accessToken          the WorkOS access token (a JWT); a secret
 * @param refreshToken         the WorkOS refresh token; a secret, single use
 * @param user                 the signed-in user
 * @param impersonator         present when an administrator is impersonating the user
 * @param authenticationMethod how the user signed in ({@code Password}, {@code GoogleOAuth}, {@code SSO}, ...)
 */
public record Session(
        String accessToken,
        String refreshToken,
        User user,
        Optional<Impersonator> impersonator,
        Optional<String> authenticationMethod) {

    public Session {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(user, "user");
        impersonator = impersonator == null ? Optional.empty() : impersonator;
        authenticationMethod = authenticationMethod == null ? Optional.empty() : authenticationMethod;
    }

    @Override
    public String toString() {
        return "Session{user=" + user.id() + ", impersonator=" + impersonator.map(Impersonator::email).orElse("none")
                + ", authenticationMethod=" + authenticationMethod.orElse("unknown") + ", tokens hidden}";
    }
}
