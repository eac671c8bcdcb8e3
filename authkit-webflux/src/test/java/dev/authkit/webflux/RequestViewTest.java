package dev.authkit.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** The WebFlux request as the core sees it: URL as sent, forwarded headers only when trusted, base path, client address. */
class RequestViewTest {
    /** Built from a URI, kept percent-encoded as a server reports it (the URL-template factories would encode it again). */
    private static MockServerHttpRequest.BaseBuilder<?> proxied() {
        return MockServerHttpRequest.method(HttpMethod.GET, URI.create("http://app.internal:8080/app/x%20y?tab=1&q=a%2Fb")).contextPath("/app")
                .remoteAddress(new InetSocketAddress("10.0.0.5", 40000))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "evil.example, app.example.com")
                .header("X-Forwarded-For", "203.0.113.9");
    }

    @Test
    void forwardedHeadersAreIgnoredUnlessTrusted() {
        AuthKitWebFilter.RequestView view = new AuthKitWebFilter.RequestView(proxied().build(), false);
        assertThat(view.url()).isEqualTo("http://app.internal:8080/app/x%20y?tab=1&q=a%2Fb");
        assertThat(view.clientAddress()).contains("10.0.0.5");
        assertThat(view.contextPath()).isEqualTo("/app");
        assertThat(view.method()).isEqualTo("GET");
    }

    @Test
    void trustedForwardedHeadersRebuildTheUrlFromTheNearestProxysValues() {
        AuthKitWebFilter.RequestView view = new AuthKitWebFilter.RequestView(proxied().build(), true);
        assertThat(view.url()).isEqualTo("https://app.example.com/app/x%20y?tab=1&q=a%2Fb");
        assertThat(view.clientAddress()).contains("203.0.113.9");
    }

    @Test
    void headersAreCaseInsensitiveAndKeepEveryValue() {
        AuthKitWebFilter.RequestView view = new AuthKitWebFilter.RequestView(
                MockServerHttpRequest.get("http://h/").header("Cookie", "a=1").header("cookie", "b=2").build(), false);
        assertThat(view.headers("COOKIE")).isEqualTo(List.of("a=1", "b=2"));
        assertThat(view.headers("X-Absent")).isEmpty();
        assertThat(view.contextPath()).isEmpty();
        assertThat(view.url()).isEqualTo("http://h/");
        assertThat(view.header("x-absent")).isEqualTo(Optional.empty());
    }
}
