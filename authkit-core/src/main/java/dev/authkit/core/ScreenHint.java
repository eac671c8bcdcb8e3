package dev.authkit.core;

/** Which AuthKit screen opens first. */
public enum ScreenHint {
    SIGN_IN("sign-in"),
    SIGN_UP("sign-up");

    private final String value;

    ScreenHint(String value) {
        this.value = value;
    }

    /** The {@code screen_hint} query value. */
    public String value() {
        return value;
    }
}
