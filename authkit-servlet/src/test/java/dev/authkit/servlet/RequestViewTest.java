package dev.authkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.servlet.internal.ServletRequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the servlet adapter rebuilds the request URL, with and without trusting a proxy. */
class RequestViewTest {
    static HttpServletRequest request(String scheme, String host, int port, String uri, String query, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(RequestViewTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getScheme" -> scheme;
                    case "getServerName" -> host;
                    case "getServerPort" -> port;
                    case "getRequestURI" -> uri;
                    case "getQueryString" -> query;
                    case "getMethod" -> "GET";
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getHeaders" -> headers.containsKey((String) args[0])
                            ? Collections.enumeration(java.util.List.of(headers.get((String) args[0]))) : Collections.emptyEnumeration();
                    default -> null;
                });
    }

    @Test
    void theUrlIsAsSentWithTheRawPathAndQuery() {
        var view = new ServletRequestView(request("http", "app.test", 8080, "/a%20b/%61", "x=%2F&y", Map.of()), false);
        assertThat(view.url()).isEqualTo("http://app.test:8080/a%20b/%61?x=%2F&y");
        assertThat(new ServletRequestView(request("https", "app.test", 443, "/", null, Map.of()), false).url())
                .isEqualTo("https://app.test/");
    }

    @Test
    void forwardedHeadersCountOnlyWhenTrusted() {
        Map<String, String> forwarded = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "www.example.com",
                "X-Forwarded-Port", "8443");
        HttpServletRequest r = request("http", "10.0.0.5", 8080, "/x", null, forwarded);
        assertThat(new ServletRequestView(r, false).url()).isEqualTo("http://10.0.0.5:8080/x");
        assertThat(new ServletRequestView(r, true).url()).isEqualTo("https://www.example.com:8443/x");
        HttpServletRequest hostOnly = request("http", "10.0.0.5", 8080, "/x", null,
                Map.of("X-Forwarded-Proto", "http, https", "X-Forwarded-Host", "www.example.com"));
        assertThat(new ServletRequestView(hostOnly, true).url()).isEqualTo("https://www.example.com/x");
        HttpServletRequest hostile = request("http", "app.test", 80, "/x", null,
                Map.of("X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "evil.com/path?"));
        assertThat(new ServletRequestView(hostile, true).url()).isEqualTo("http://app.test/x");
    }

    @Test
    void behindAnAppendingProxyTheNearestProxysValueCountsNotTheClients() {
        // the client sent its own X-Forwarded-*; the proxy appended its values, on the same line
        HttpServletRequest sameLine = request("http", "10.0.0.5", 8080, "/x", null,
                Map.of("X-Forwarded-Proto", "http, https", "X-Forwarded-Host", "evil.example, www.example.com",
                        "X-Forwarded-Port", "1234, 443"));
        assertThat(new ServletRequestView(sameLine, true).url()).isEqualTo("https://www.example.com/x");
        // or on a line of its own
        Map<String, java.util.List<String>> lines = Map.of("X-Forwarded-Proto", java.util.List.of("http", "https"),
                "X-Forwarded-Host", java.util.List.of("evil.example", "www.example.com"));
        HttpServletRequest twoLines = (HttpServletRequest) Proxy.newProxyInstance(RequestViewTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getScheme" -> "http";
                    case "getServerName" -> "10.0.0.5";
                    case "getServerPort" -> 8080;
                    case "getRequestURI" -> "/x";
                    case "getHeader" -> lines.containsKey((String) args[0]) ? lines.get((String) args[0]).get(0) : null;
                    case "getHeaders" -> Collections.enumeration(lines.getOrDefault((String) args[0], java.util.List.of()));
                    default -> null;
                });
        assertThat(new ServletRequestView(twoLines, true).url()).isEqualTo("https://www.example.com/x");
    }
}
