package dev.authkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The client address sent to WorkOS as a sign-in signal: forwarded headers only when trusted, IP literals only. */
class ForwardedClientAddressTest {
    static Function<String, String> headers(Map<String, String> h) {
        return h::get;
    }

    @Test
    void thePeerUnlessForwardedHeadersAreTrusted() {
        // the client wrote the first value; the trusted proxy appended the address it saw
        Function<String, String> h = headers(Map.of("X-Forwarded-For", "198.51.100.66, 203.0.113.5"));
        assertThat(ForwardedHeaders.clientAddress("10.0.0.1", h, false)).contains("10.0.0.1");
        assertThat(ForwardedHeaders.clientAddress("10.0.0.1", h, true)).contains("203.0.113.5");
        assertThat(ForwardedHeaders.clientAddress("::1", headers(Map.of()), true)).contains("::1");
    }

    @Test
    void anythingButAnIpLiteralIsNoAddress() {
        assertThat(ForwardedHeaders.clientAddress("10.0.0.1", headers(Map.of("X-Forwarded-For", "evil.example")), true))
                .contains("10.0.0.1");
        assertThat(ForwardedHeaders.clientAddress("host.name", headers(Map.of()), false)).isEmpty();
        assertThat(ForwardedHeaders.clientAddress(null, headers(Map.of("X-Forwarded-For", "1.2.3.4\r\nX: y")), true)).isEmpty();
        assertThat(ForwardedHeaders.isIpAddress("2001:db8::1")).isTrue();
        assertThat(ForwardedHeaders.isIpAddress("[2001:db8::1]")).isTrue();
        assertThat(ForwardedHeaders.isIpAddress("1234")).isFalse();
    }
}
