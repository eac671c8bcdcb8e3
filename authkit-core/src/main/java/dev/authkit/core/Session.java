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
 * @param signedInAt           when the session began, kept only while an idle or absolute limit is set
 *                             (then sealed as {@code authkitSignedInAt}; absent otherwise, as authkit-nextjs has it)
 * @param lastSeenAt           when the session was last written (coarse: at refresh or at most once a minute),
 *                             kept only while a limit is set ({@code authkitLastSeenAt})
 */
public record Session(
        String accessToken,
        String refreshToken,
        User user,
        Optional<Impersonator> impersonator,
        Optional<String> authenticationMethod,
        Optional<java.time.Instant> signedInAt,
        Optional<java.time.Instant> lastSeenAt) {

    /** A session without the times of the idle and absolute limits: the object authkit-nextjs seals. */
    public Session(String accessToken, String refreshToken, User user, Optional<Impersonator> impersonator,
                   Optional<String> authenticationMethod) {
        this(accessToken, refreshToken, user, impersonator, authenticationMethod, Optional.empty(), Optional.empty());
    }

    /** This session with other limit times (empty: none). */
    public Session withTimes(Optional<java.time.Instant> signedInAt, Optional<java.time.Instant> lastSeenAt) {
        return new Session(accessToken, refreshToken, user, impersonator, authenticationMethod, signedInAt, lastSeenAt);
    }

    public Session {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(user, "user");
        impersonator = impersonator == null ? Optional.empty() : impersonator;
        authenticationMethod = authenticationMethod == null ? Optional.empty() : authenticationMethod;
        signedInAt = signedInAt == null ? Optional.empty() : signedInAt;
        lastSeenAt = lastSeenAt == null ? Optional.empty() : lastSeenAt;
    }

    @Override
    public String toString() {
        return "Session{user=" + user.id() + ", impersonator=" + impersonator.map(Impersonator::email).orElse("none")
                + ", authenticationMethod=" + authenticationMethod.orElse("unknown") + ", tokens hidden}";
    }
}
