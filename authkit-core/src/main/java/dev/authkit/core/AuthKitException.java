package dev.authkit.core;

/**
 * Root of the exceptions authkit-java throws. Unchecked: every one of them is either a
 * programming or configuration error that the caller cannot sensibly recover from at the call
 * site. Runtime outcomes of a request (signed out, refresh failed, bad callback) are values, not
 * exceptions.
 *
 * <p>Messages never contain secrets, tokens, codes or cookie values.
 */
public class AuthKitException extends RuntimeException {
    public AuthKitException(String message) {
        super(message);
    }

    public AuthKitException(String message, Throwable cause) {
        super(message, cause);
    }
}
