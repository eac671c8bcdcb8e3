package dev.authkit.testkit;

import dev.authkit.core.CookieSealer;
import dev.authkit.core.Impersonator;
import dev.authkit.core.Session;
import dev.authkit.core.User;
import java.util.Objects;
import java.util.Optional;

/**
 * A WorkOS session that {@link FakeWorkOS} opened without a browser (see
 * {@link FakeWorkOS#signIn(FakeUser)}): the same tokens a code exchange would have returned.
 *
 * @param sessionId            the {@code sid} claim; revoke it with {@link FakeWorkOS#revokeSession(String)}
 * @param accessToken          a signed RS256 access token
 * @param refreshToken         a single-use refresh token
 * @param user                 the user in the shape the session cookie holds
 * @param organizationId       the session's organization, if any
 * @param impersonator         the impersonator, if the sign-in was impersonated
 * @param authenticationMethod how the fake says the user signed in
 */
public record IssuedSession(String sessionId, String accessToken, String refreshToken, User user,
                            Optional<String> organizationId, Optional<Impersonator> impersonator,
                            String authenticationMethod) {
    public IssuedSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(user, "user");
        organizationId = organizationId == null ? Optional.empty() : organizationId;
        impersonator = impersonator == null ? Optional.empty() : impersonator;
        Objects.requireNonNull(authenticationMethod, "authenticationMethod");
    }

    /** The session as authkit seals it into the cookie. */
    public Session toSession() {
        return new Session(accessToken, refreshToken, user, impersonator, Optional.of(authenticationMethod));
    }

    /**
     * The value of the session cookie authkit (and authkit-nextjs) would set for this session,
     * sealed with {@code cookiePassword}: send it as {@code wos-session=<value>} to call a protected
     * endpoint as this user.
     */
    public String cookieValue(String cookiePassword) {
        return CookieSealer.iron(cookiePassword).sealSession(toSession());
    }

    @Override
    public String toString() {
        return "IssuedSession{sessionId=" + sessionId + ", user=" + user.id() + ", organizationId="
                + organizationId.orElse("none") + ", tokens hidden}";
    }
}
