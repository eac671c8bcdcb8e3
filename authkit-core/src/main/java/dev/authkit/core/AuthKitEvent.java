package dev.authkit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What authkit did, as typed values for metrics, audit logs and alerts: delivered to the listeners
 * given to {@code AuthKit.Builder.events(..)}, on the thread that did it, once per occurrence.
 *
 * <p>Every event carries {@link #at()} (the {@code AuthKit}'s clock) and only identifiers that are
 * safe to log: user ids, WorkOS session ids ({@code sid}), organization ids, WorkOS error codes.
 * Never a token, an authorization code, a cookie or any sealed value. A request that goes on with a
 * fresh session (the hot path) emits nothing.
 */
public sealed interface AuthKitEvent {
    /** When it happened, on the {@code AuthKit}'s clock. */
    Instant at();

    /** The callback exchanged a code for a session and wrote the session cookie. */
    record SignedIn(Instant at, String userId, Optional<String> sessionId, Optional<String> organizationId)
            implements AuthKitEvent {
        public SignedIn {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** A sign-out (route, JSON API or {@code AuthFlow}) ended a session the request carried. */
    record SignedOut(Instant at, Optional<String> userId, Optional<String> sessionId) implements AuthKitEvent {
    }

    /**
     * This instance exchanged a refresh token with WorkOS and got a new session; once per refresh,
     * not per request that shares it (those get {@link RefreshShared}).
     *
     * @param duration how long the WorkOS call took
     */
    record SessionRefreshed(Instant at, Duration duration, String userId, Optional<String> sessionId,
                            Optional<String> organizationId) implements AuthKitEvent {
    }

    /**
     * A request got the session another request refreshed: it waited for the same refresh (single
     * flight in this process, or the {@link RefreshCoordination} across instances) or arrived in the
     * grace period after it. No WorkOS call was made for it.
     */
    record RefreshShared(Instant at, String userId, Optional<String> sessionId, Optional<String> organizationId)
            implements AuthKitEvent {
    }

    /** How a refresh failed. */
    enum FailureKind {
        /** WorkOS unreachable, 408, 429 or 5xx, or a shared refresh that failed or timed out: the session is kept. */
        TRANSIENT,
        /** WorkOS says the session is over ({@code invalid_grant}, revoked, ended): the user is signed out. */
        TERMINAL,
        /** WorkOS refused this refresh but kept the session (SSO or MFA demanded, not a member of the organization). */
        REFUSED
    }

    /**
     * A refresh-token exchange made by this instance failed.
     *
     * @param reason the HTTP status and WorkOS error code, such as {@code HTTP 400 invalid_grant}
     */
    record RefreshFailed(Instant at, Duration duration, String userId, Optional<String> sessionId,
                         FailureKind failure, String reason) implements AuthKitEvent {
    }

    /** A session moved into another organization (a switch, or a refresh asking for one). */
    record OrganizationSwitched(Instant at, String userId, Optional<String> sessionId, Optional<String> fromOrganizationId,
                                String toOrganizationId) implements AuthKitEvent {
    }

    /** A session was found revoked and refused (emitted by the revocation check of the session stage). */
    record SessionRevoked(Instant at, Optional<String> userId, Optional<String> sessionId, String reason)
            implements AuthKitEvent {
    }

    /** WorkOS stopped answering: the first unreachable call (no answer, 408, 429, 5xx) after a good one. */
    record WorkOSUnavailable(Instant at, WorkOSEndpoint endpoint, String reason) implements AuthKitEvent {
    }

    /** WorkOS answered again after {@link WorkOSUnavailable}; {@code downtime} since that event. */
    record WorkOSRecovered(Instant at, Duration downtime, WorkOSEndpoint endpoint) implements AuthKitEvent {
    }

    /** A session cookie was written (sign-in, refresh): its {@code Set-Cookie} header value's length in bytes. */
    record SessionSize(Instant at, String userId, int bytes) implements AuthKitEvent {
    }

    /** The {@link PathPolicy} refused an ambiguous raw path with 400 (the path itself is not carried). */
    record PathRefused(Instant at, PathPolicy.Rule rule) implements AuthKitEvent {
    }

    /**
     * A request needed a signed-in user and had none: redirected to sign in (a browser's page load)
     * or answered 401.
     *
     * @param path the request's application path, without its query
     */
    record SignInRequired(Instant at, String path, boolean redirected) implements AuthKitEvent {
    }

    /** What a WorkOS call came to. */
    enum CallResult {
        /** WorkOS answered with success. */
        SUCCESS,
        /** WorkOS answered and refused (a 4xx other than 408 and 429): it is reachable. */
        REFUSED,
        /** No answer, 408, 429 or 5xx. */
        UNAVAILABLE
    }

    /**
     * One call to WorkOS, timed (the signed authorization and logout URLs are built locally, no call).
     *
     * @param status the HTTP status, 0 when there was no answer or the SDK did not say
     */
    record WorkOSCall(Instant at, WorkOSEndpoint endpoint, CallResult result, Duration duration, int status)
            implements AuthKitEvent {
    }
}
