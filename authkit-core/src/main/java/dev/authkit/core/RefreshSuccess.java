package dev.authkit.core;

import java.util.Optional;

/**
 * Handed to {@code onSessionRefreshSuccess} after authkit refreshed a session.
 *
 * @param auth           the refreshed session's auth (the new access token is {@code auth.accessToken()})
 * @param user           the user
 * @param impersonator   the impersonator, if any
 * @param organizationId the session's organization, if any
 */
public record RefreshSuccess(Auth auth, User user, Optional<Impersonator> impersonator, Optional<String> organizationId) {
}
