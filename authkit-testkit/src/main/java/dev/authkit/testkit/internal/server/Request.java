package dev.authkit.testkit.internal.server;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the handlers see it, read off the wire once by {@link FakeServer}. The maps are
 * kept as given (in arrival order) and go into the journal as they are; handlers only read them.
 *
 * @param method  HTTP method
 * @param path    the raw path, without the query
 * @param query   decoded query parameters (the first value of a repeated name)
 * @param headers request headers, names lower-case
 * @param body    the body as UTF-8 text; empty for none
 */
public record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
                      String body) {

    /** The first value of header {@code name} (any case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
