package dev.authkit.core;

/**
 * Handed to {@code onSessionRefreshError} when a session could not be refreshed.
 *
 * @param reason      what went wrong, safe to log (WorkOS's status and error code; never a token)
 * @param isTransient true when the session cookie was kept (network failures, timeouts, 408, 429,
 *                    5xx, and refusals that do not end the session); false when WorkOS said the
 *                    session is over ({@code invalid_grant}, a revoked session) and its cookie was cleared
 * @param request     the request during which it happened
 */
public record RefreshFailure(String reason, boolean isTransient, AuthKitRequest request) {
}
