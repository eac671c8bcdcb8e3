package dev.authkit.core;

/**
 * Where an adapter lets the core write: the few response operations every framework has. The
 * core calls them through {@link Outcome#applyTo(AuthKitResponse)}.
 */
public interface AuthKitResponse {

    void setStatus(int status);

    /** Replaces a header. */
    void setHeader(String name, String value);

    /** Adds a header value; each {@code Set-Cookie} arrives as its own call and must stay its own header line. */
    void addHeader(String name, String value);

    /** Writes the body and ends the response. */
    void writeBody(String contentType, String body);
}
