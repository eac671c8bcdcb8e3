package dev.authkit.core;

/**
 * An {@link AuthKitConfig} (or another option set) is missing a value or holds one that cannot
 * work. The message names the setting, by its environment variable name where it has one, and
 * says what a valid value looks like; it never repeats a secret.
 */
public class AuthKitConfigException extends AuthKitException {
    public AuthKitConfigException(String message) {
        super(message);
    }
}
