package dev.authkit.core;

/**
 * Handed to {@code onSessionRefreshError} when a session could not be refreshed.
 *
 * @param reason      what went wrong, safe to log (WorkOS's status and error code; never a token)
 * @param isTransient true for network failures, timeouts, 408, 429 and 5xx, which keep the
 *                    session cookie; false when the session is over and its cookie was cleared
 * @param request     the request during which it happened
 */
public record RefreshFailure(String reason, boolean isTransient, AuthKitRequest request) {
}
