package dev.authkit.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.conformance.AdapterConformanceSuite.RunningApp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * The body the WebFlux filter reads ahead for the webhook receiver ({@link WebhookBody}): a
 * WorkOS-signed {@code POST} that is not for the receiver reaches the application with its whole
 * body; a chunked one longer than the limit is refused by the receiver without a 5xx, and the
 * application's route sees the limit as an error rather than a silently cut body.
 */
class WebhookBodyTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Answers the body it read, as text, or 413 when reading it failed on the limit. */
    static final WebHandler BODY_ECHO = exchange -> DataBufferUtils.join(exchange.getRequest().getBody())
            .map(b -> {
                String text = b.toString(StandardCharsets.UTF_8);
                DataBufferUtils.release(b);
                return text;
            })
            .defaultIfEmpty("")
            .flatMap(text -> {
                byte[] bytes = ("read " + text.length() + " chars: " + text.substring(0, Math.min(40, text.length())))
                        .getBytes(StandardCharsets.UTF_8);
                return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(bytes)));
            })
            .onErrorResume(e -> {
                exchange.getResponse().setRawStatusCode(413);
                return exchange.getResponse().setComplete();
            });

    FakeWorkOS fake;
    RunningApp app;
    String base;

    @BeforeEach
    void start() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        int port = NettyApps.freePort();
        base = "http://127.0.0.1:" + port;
        AuthKitConfig config = NettyApps.config(fake, port, "webflux-webhook-body-test-password-0123456789")
                .webhookSecret("whsec_webflux_body_test").build();
        app = NettyApps.start(port, "", new AuthKitWebFilter(AuthKit.builder(config).clock(fake.clock()).build()), BODY_ECHO);
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        fake.close();
    }

    HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
        return post(HTTP, path, body);
    }

    /**
     * On a client of its own: a request refused before its body is read may leave the server
     * closing the connection, which a shared client could hand to the next request.
     */
    HttpResponse<String> postAlone(String path, HttpRequest.BodyPublisher body) throws Exception {
        return post(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build(),
                path, body);
    }

    HttpResponse<String> post(HttpClient client, String path, HttpRequest.BodyPublisher body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).POST(body)
                .header("Content-Type", "application/json").header("WorkOS-Signature", "t=1, v1=00").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** No Content-Length: the JDK client sends a body from a stream chunked. */
    static HttpRequest.BodyPublisher chunked(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    @Test
    void aSignedPostForTheApplicationKeepsItsWholeBody() throws Exception {
        String event = "{\"id\":\"event_1\",\"event\":\"user.created\",\"data\":{\"id\":\"user_1\"}}";
        HttpResponse<String> sized = post("/my/own/webhooks", HttpRequest.BodyPublishers.ofString(event));
        assertThat(sized.statusCode()).isEqualTo(200);
        assertThat(sized.body()).isEqualTo("read " + event.length() + " chars: " + event.substring(0, 40));
        HttpResponse<String> streamed = post("/my/own/webhooks", chunked(event));
        assertThat(streamed.body()).isEqualTo(sized.body());
        String big = "x".repeat(60 * 1024);
        assertThat(post("/my/own/webhooks", chunked(big)).body()).startsWith("read " + big.length() + " chars");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithoutA5xx() throws Exception {
        String huge = "{\"pad\":\"" + "y".repeat(WebhookBody.LIMIT + 10) + "\"}";
        HttpResponse<String> receiver = postAlone("/auth/webhooks/workos", chunked(huge));
        assertThat(receiver.statusCode()).as(receiver.body()).isEqualTo(400);
        HttpResponse<String> application = postAlone("/my/own/webhooks", chunked(huge));
        assertThat(application.statusCode()).as("the application sees the limit, not a cut body").isEqualTo(413);
        HttpResponse<String> announced = postAlone("/auth/webhooks/workos", HttpRequest.BodyPublishers.ofString(huge));
        assertThat(announced.statusCode()).as("a Content-Length over the limit is refused unread").isEqualTo(413);
    }
}
