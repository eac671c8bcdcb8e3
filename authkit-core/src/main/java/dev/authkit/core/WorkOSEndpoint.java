package dev.authkit.core;

import java.util.Locale;

/** The WorkOS calls authkit makes, as named in events, metric tags and trace spans. */
public enum WorkOSEndpoint {
    /** The callback's authorization-code exchange ({@code POST /user_management/authenticate}). */
    CODE_EXCHANGE,
    /** A refresh-token exchange ({@code POST /user_management/authenticate}). */
    REFRESH,
    /** The JSON Web Key Set that access tokens are verified with ({@code GET /sso/jwks/{clientId}}). */
    JWKS,
    /** API-key validation ({@code POST /api_keys/validations}). */
    API_KEY_VALIDATION,
    /** The session's own organization ({@code GET /organizations/{id}}). */
    ORGANIZATION;

    /** The lower-case name used as a metric tag and span name: {@code code_exchange}, {@code refresh}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
