package dev.authkit.core.internal.refresh;

import dev.authkit.core.Session;
import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.workos.WorkOSResponses;

/** One refresh-token exchange: a session with its claims, or a failure. */
public record Exchange(Session session, TokenClaims claims, WorkOSResponses.Failure failure) {
    public boolean ok() {
        return session != null;
    }

    static Exchange failed(WorkOSResponses.Kind kind, int status, String description) {
        return new Exchange(null, null, new WorkOSResponses.Failure(kind, status, java.util.Optional.of(description),
                java.util.Optional.empty()));
    }
}
