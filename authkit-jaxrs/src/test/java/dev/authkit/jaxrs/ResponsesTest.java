package dev.authkit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.jaxrs.internal.Responses;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesTest {
    @Test
    void aDirectAnswerKeepsItsContentTypeAndHeaders() {
        Response r = Responses.of(new Outcome.Respond(200, "application/json", "{}", List.of(),
                List.of(new Header("Vary", "Cookie"))));
        assertThat(r.getMediaType().toString()).isEqualTo("application/json");
        assertThat(r.getHeaders().get("Vary")).containsExactly("Cookie");
    }

    @Test
    void aRedirectKeepsEachSetCookieApart() {
        var cookie = new dev.authkit.core.SetCookie("a", "1", 10, java.util.Optional.of("/"), java.util.Optional.empty(), true, false,
                java.util.Optional.empty());
        Response r = Responses.of(new Outcome.Redirect("https://x.example/", 307, List.of(cookie, cookie.deleted()), List.of()));
        assertThat(r.getStatus()).isEqualTo(307);
        assertThat(r.getHeaderString("Location")).isEqualTo("https://x.example/");
        assertThat(r.getHeaders().get("Set-Cookie")).hasSize(2);
    }
}
