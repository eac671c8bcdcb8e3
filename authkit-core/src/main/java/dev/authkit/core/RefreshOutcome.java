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

    /** The refresh failed; the session cookie is kept when {@code isTransient}, cleared otherwise. */
    record Failed(String reason, boolean isTransient, List<SetCookie> cookies) implements RefreshOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            cookies = List.copyOf(cookies);
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
