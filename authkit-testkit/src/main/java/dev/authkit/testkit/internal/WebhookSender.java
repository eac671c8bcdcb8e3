package dev.authkit.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.testkit.FakeClock;
import dev.authkit.testkit.internal.store.SessionState;
import dev.authkit.testkit.internal.store.Sessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends WorkOS's signed webhook events to the application, as WorkOS does: {@code session.created}
 * at every sign-in and {@code session.revoked} when a session is revoked, in WorkOS's event shape
 * ({@code {"id","event","data","created_at"}}) with {@code WorkOS-Signature: t=<ms>, v1=<hex
 * HMAC-SHA256 of "<t>.<body>">}. Delivered synchronously (the call that opened or revoked the
 * session returns once the application answered), so tests need no waiting; an unreachable
 * application or a non-2xx answer is counted, not retried.
 */
public final class WebhookSender implements Sessions.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String secret;
    private final FakeClock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public WebhookSender(String url, String secret, FakeClock clock) {
        this.url = URI.create(url);
        this.secret = secret;
        this.clock = clock;
    }

    @Override
    public void opened(SessionState session) {
        send("session.created", session);
    }

    @Override
    public void revoked(SessionState session) {
        send("session.revoked", session);
    }

    public long delivered() {
        return delivered.get();
    }

    public long failed() {
        return failed.get();
    }

    private void send(String event, SessionState s) {
        ObjectNode root = JSON.createObjectNode().put("id", TokenIssuer.opaque("event_")).put("event", event);
        root.set("data", WireJson.session(s, clock.instant()));
        root.put("created_at", WireJson.iso(clock.instant()));
        String body = root.toString();
        long t = clock.millis();
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").header("WorkOS-Signature", "t=" + t + ", v1=" + hmac(t + "." + body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            (r.statusCode() / 100 == 2 ? delivered : failed).incrementAndGet();
        } catch (java.io.IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.incrementAndGet();
        }
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
