package dev.authkit.core.internal.session;

import dev.authkit.core.Auth;
import dev.authkit.core.Session;
import dev.authkit.core.internal.crypto.TokenClaims;

/**
 * How the stages make {@link Auth} values, whose constructors the API keeps to itself (an
 * application cannot mint a signed-in {@code Auth}). The facade hands the stages the one
 * implementation when it wires them.
 */
public interface AuthValues {
    /** A cookie session with the claims of its verified access token. */
    Auth cookie(Session session, TokenClaims claims);

    /** A caller authenticated by an {@code Authorization: Bearer} access token. */
    Auth bearer(String accessToken, TokenClaims claims);
}
