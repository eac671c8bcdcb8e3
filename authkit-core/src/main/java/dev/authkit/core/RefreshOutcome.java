package dev.authkit.core;

import java.util.List;
import java.util.Objects;

/** The result of an explicit session refresh ({@code refreshSession}, organization switching). */
public sealed interface RefreshOutcome {

    /** Cookies to set with the response (a new session, a sign-in verifier). */
    List<SetCookie> cookies();

    /** A new session; set {@link #cookies()}. */
    record Refreshed(Auth auth, List<SetCookie> cookies) implements RefreshOutcome {
        public Refreshed {
            Objects.requireNonNull(auth, "auth");
            cookies = List.copyOf(cookies);
        }
    }

    /**
     * WorkOS needs the user to sign in again for this (SSO or MFA enrollment for the target
     * organization): send the browser to {@code authorizationUrl} with the cookies.
     */
    record ReauthenticationRequired(String authorizationUrl, List<SetCookie> cookies) implements RefreshOutcome {
        public ReauthenticationRequired {
            Objects.requireNonNull(authorizationUrl, "authorizationUrl");
            cookies = List.copyOf(cookies);
        }
    }

    /**
     * The refresh failed: WorkOS could not be reached ({@code isTransient}, the session cookie is
     * kept, try again later) or said the session is over (the cookies clear it).
     */
    record Failed(String reason, boolean isTransient, List<SetCookie> cookies) implements RefreshOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            cookies = List.copyOf(cookies);
        }
    }

    /**
     * WorkOS refused this refresh without ending the session: the user is not a member of the
     * organization, the organization does not exist, or another 4xx. The session is unchanged
     * and no cookie is set.
     *
     * @param status the HTTP status to answer with: 403 (not a member), 404 (no such organization)
     *               or 409 (any other refusal)
     * @param error  a short code for scripts ({@code organization_membership_required},
     *               {@code organization_not_found}, or WorkOS's own code)
     * @param reason what WorkOS answered, safe to log and show (never a token)
     */
    record Refused(int status, String error, String reason) implements RefreshOutcome {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public List<SetCookie> cookies() {
            return List.of();
        }
    }

    /** There was no session to refresh. */
    record SignedOut() implements RefreshOutcome {
        @Override
        public List<SetCookie> cookies() {
            return List.of();
        }
    }
}
