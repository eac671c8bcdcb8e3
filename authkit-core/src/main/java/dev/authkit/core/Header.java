package dev.authkit.core;

import java.util.Objects;

/**
 * A response header the core asks for.
 *
 * @param name  header name
 * @param value header value
 */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
