package dev.authkit.micrometer;

import dev.authkit.core.AuthKitRequest;
import java.util.List;
import java.util.Map;

/** A request for tests: method, URL and headers. */
record Req(String method, String url, Map<String, String> headerMap) implements AuthKitRequest {
    static Req get(String url, String cookie) {
        return new Req("GET", url, cookie == null ? Map.of() : Map.of("cookie", cookie));
    }

    static Req post(String url, String cookie) {
        return new Req("POST", url, cookie == null ? Map.of("x-authkit-request", "1")
                : Map.of("cookie", cookie, "x-authkit-request", "1"));
    }

    @Override
    public List<String> headers(String name) {
        String v = headerMap.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null ? List.of() : List.of(v);
    }
}
