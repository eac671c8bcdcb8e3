package dev.authkit.core.behaviour;

import dev.authkit.core.AuthKitRequest;
import dev.authkit.core.SetCookie;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An immutable request for the core, built fluently: what an adapter would hand over. */
final class TestRequest implements AuthKitRequest {
    private final String method;
    private final String url;
    private final Map<String, List<String>> headers;

    private TestRequest(String method, String url, Map<String, List<String>> headers) {
        this.method = method;
        this.url = url;
        this.headers = headers;
    }

    static TestRequest get(String url) {
        return new TestRequest("GET", url, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    }

    static TestRequest post(String url) {
        return new TestRequest("POST", url, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    }

    /** The same request (headers and cookies) for another URL. */
    TestRequest withUrl(String u) {
        return new TestRequest(method, u, copy());
    }

    TestRequest method(String m) {
        return new TestRequest(m, url, copy());
    }

    TestRequest header(String name, String value) {
        Map<String, List<String>> h = copy();
        h.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return new TestRequest(method, url, h);
    }

    /** A browser's top-level page load. */
    TestRequest html() {
        return header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    /** Adds {@code name=value} to the Cookie header, the value as the browser stores it (already encoded). */
    TestRequest cookie(String name, String value) {
        Map<String, List<String>> h = copy();
        List<String> c = h.computeIfAbsent("Cookie", k -> new ArrayList<>());
        if (c.isEmpty()) {
            c.add(name + "=" + value);
        } else {
            c.set(0, c.get(0) + "; " + name + "=" + value);
        }
        return new TestRequest(method, url, h);
    }

    /** Sends back what these Set-Cookies left in a browser (deletions dropped). */
    TestRequest cookies(Collection<SetCookie> setCookies) {
        TestRequest r = this;
        for (SetCookie c : setCookies) {
            if (!c.isDeletion()) {
                String header = c.headerValue();
                r = r.cookie(c.name(), header.substring(c.name().length() + 1, header.indexOf(';')));
            }
        }
        return r;
    }

    /** The client address an adapter would give: here from the test-only header {@code X-Test-Client-Address}. */
    @Override
    public java.util.Optional<String> clientAddress() {
        return header("X-Test-Client-Address");
    }

    private Map<String, List<String>> copy() {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k, new ArrayList<>(v)));
        return h;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public List<String> headers(String name) {
        return List.copyOf(headers.getOrDefault(name, List.of()));
    }
}
