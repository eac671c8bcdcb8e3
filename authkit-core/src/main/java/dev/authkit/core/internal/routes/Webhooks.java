package dev.authkit.core.internal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.Outcome;
import dev.authkit.core.WebhookEvent;
import dev.authkit.core.internal.crypto.WebhookSignature;
import dev.authkit.core.internal.outcome.ErrorPages;
import dev.authkit.core.internal.outcome.Outcomes;
import dev.authkit.core.internal.request.RequestContext;
import dev.authkit.core.internal.session.Revocations;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WorkOS webhook receiver: {@code POST}, a body of at most {@link #MAX_BODY_BYTES}, a valid
 * {@code WorkOS-Signature} (else 400 for a missing or malformed one, 401 for a forged or stale
 * one, with no effect). {@code session.revoked} puts the session on the revocation list; every
 * verified event is then offered to the application's callback and acknowledged with 200.
 * Without a webhook secret the route answers 404. Neither the secret nor the signature is logged.
 */
public final class Webhooks {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** WorkOS events are a few KiB; anything larger is refused unread. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final String SIGNATURE_HEADER = "WorkOS-Signature";

    private final String path;
    private final Optional<String> secret;
    private final Revocations revocations;
    private final Consumer<WebhookEvent> callback;
    private final Clock clock;

    public Webhooks(String path, Optional<String> secret, Revocations revocations, Consumer<WebhookEvent> callback,
                    Clock clock) {
        this.path = path;
        this.secret = secret;
        this.revocations = revocations;
        this.callback = callback;
        this.clock = clock;
    }

    /** The answer when the request is for the webhook route, else empty. */
    /** The application path the webhooks are received at. */
    public String path() {
        return path;
    }

    public Optional<Outcome> answer(RequestContext ctx) {
        if (!ctx.appPath().equals(path)) {
            return Optional.empty();
        }
        if (secret.isEmpty()) {
            return Optional.of(ErrorPages.of(ctx, 404, "not_found", "No webhook secret is configured."));
        }
        if (!ctx.method().equals("POST")) {
            return Optional.of(ErrorPages.methodNotAllowed(ctx, "POST"));
        }
        return Optional.of(receive(ctx));
    }

    private Outcome receive(RequestContext ctx) {
        Optional<String> length = ctx.request().header("Content-Length");
        if (length.isPresent() && (!length.get().strip().matches("[0-9]{1,12}")
                || Long.parseLong(length.get().strip()) > MAX_BODY_BYTES)) {
            return refused(ctx, 413, "payload_too_large", "A webhook body is at most 64 KiB.");
        }
        // the header first: an unsigned request is refused without waiting for its body
        Optional<String> header = ctx.request().header(SIGNATURE_HEADER);
        Optional<String> body = header.isEmpty() ? Optional.empty() : ctx.request().body(MAX_BODY_BYTES);
        if (body.isEmpty() || header.isEmpty()) {
            return refused(ctx, 400, "bad_request", "A signed WorkOS event is expected.");
        }
        WebhookSignature.Verdict verdict = WebhookSignature.verify(header.get(), body.get(), secret.get(), clock.millis());
        switch (verdict) {
            case MALFORMED:
                return refused(ctx, 400, "bad_signature", "The WorkOS-Signature header is malformed.");
            case STALE:
            case FORGED:
                return refused(ctx, 401, "invalid_signature", "The webhook signature does not check out.");
            default:
                break;
        }
        JsonNode event;
        try {
            event = JSON.readTree(body.get());
        } catch (IOException e) {
            return refused(ctx, 400, "bad_request", "The event is not JSON.");
        }
        if (event == null || !event.path("id").isTextual() || !event.path("event").isTextual()) {
            return refused(ctx, 400, "bad_request", "The event has no id or type.");
        }
        String type = event.get("event").asText();
        if (type.equals("session.revoked")) {
            JsonNode sid = event.path("data").path("id");
            if (!sid.isTextual() || sid.asText().isEmpty() || sid.asText().length() > 256) {
                return refused(ctx, 400, "bad_request", "A session.revoked event names the session in data.id.");
            }
            JsonNode user = event.path("data").path("user_id");
            if (!revocations.revoke(sid.asText(), user.isTextual() ? Optional.of(user.asText()) : Optional.empty(),
                    "session.revoked webhook")) {
                return ErrorPages.unavailable(ctx, List.of(), List.of()); // WorkOS delivers it again
            }
        }
        try {
            callback.accept(new WebhookEvent(event.get("id").asText(), type, body.get()));
        } catch (RuntimeException e) { // the event is received; the application's failure is its own
            LOG.warn("[AuthKit] the webhook event callback failed: {}", e.getClass().getName());
        }
        return Outcomes.json(200, "{\"received\":true}", List.of());
    }

    private static Outcome refused(RequestContext ctx, int status, String error, String message) {
        LOG.debug("[AuthKit] webhook refused: {}", error);
        return ErrorPages.of(ctx, status, error, message);
    }
}
