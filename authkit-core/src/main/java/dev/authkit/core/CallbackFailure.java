package dev.authkit.core;

/**
 * Why a sign-in callback failed, handed to {@code onError}. The message is safe to show or log:
 * it never contains the code, the state or a token.
 *
 * @param reason  machine-readable reason
 * @param message a sentence saying what went wrong
 * @param request the callback request
 */
public record CallbackFailure(Reason reason, String message, AuthKitRequest request) {

    /** The ways a callback fails. */
    public enum Reason {
        /** {@code code} or {@code state} is missing from the callback URL. */
        MISSING_AUTH_PARAMS(400),
        /** The browser did not send the verifier cookie of this sign-in (expired, another browser, blocked cookies). */
        MISSING_PKCE_COOKIE(400),
        /** The {@code state} differs from the verifier cookie: a forged or crossed callback. */
        OAUTH_STATE_MISMATCH(400),
        /** The state cannot be opened: tampered, from another password, or older than ten minutes. */
        INVALID_STATE(400),
        /** WorkOS refused the code (used, expired, or a different verifier). */
        CODE_REJECTED(400),
        /**
         * WorkOS could not be reached, failed, or answered with something that is not WorkOS's JSON
         * (a proxy's page, a cut body); trying again may work.
         */
        WORKOS_UNAVAILABLE(503),
        /** WorkOS answered without tokens, or with a token for another user. */
        INVALID_RESPONSE(502);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        /** The HTTP status of the default error response. */
        public int status() {
            return status;
        }
    }
}
