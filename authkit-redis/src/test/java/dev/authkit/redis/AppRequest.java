package dev.authkit.redis;

import dev.authkit.core.AuthKitRequest;
import java.util.List;

/** A GET of http://app.test{path} carrying one session cookie: what a browser sends on each request of a page. */
record AppRequest(String path, String sessionCookie) implements AuthKitRequest {
    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String url() {
        return "http://app.test" + path;
    }

    @Override
    public List<String> headers(String name) {
        return name.equalsIgnoreCase("Cookie") ? List.of("wos-session=" + sessionCookie) : List.of();
    }
}
