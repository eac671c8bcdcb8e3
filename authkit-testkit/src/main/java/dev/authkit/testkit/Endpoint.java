package dev.authkit.testkit;

/** The endpoints {@link FakeWorkOS} serves, for failure injection and the request journal. */
public enum Endpoint {
    /** {@code POST /user_management/authenticate} (code exchange and refresh). */
    AUTHENTICATE,
    /** {@code GET /sso/jwks/{clientId}}. */
    JWKS,
    /** {@code GET /user_management/authorize} and the hosted sign-in page behind it. */
    AUTHORIZE,
    /** {@code GET /user_management/sessions/logout}. */
    LOGOUT,
    /** {@code POST /user_management/sessions/revoke}. */
    REVOKE_SESSION,
    /** {@code GET /user_management/users/{id}/sessions} (the Sessions API's list of a user's sessions). */
    LIST_SESSIONS,
    /** {@code GET /organizations/{id}}. */
    ORGANIZATION,
    /** {@code POST /api_keys/validations} (machine clients' API keys). */
    API_KEY_VALIDATION,
    /** Anything else (answered 404). */
    OTHER
}
