package dev.authkit.core;

import java.util.Objects;

/**
 * A WorkOS webhook event whose signature checked out, as offered to the application's
 * {@link AuthKit.Builder#onWebhookEvent} callback ({@code session.revoked} is handled by authkit
 * itself and offered too).
 *
 * @param id    the event's id ({@code event_...}); WorkOS may deliver one event more than once
 * @param event its type, such as {@code user.updated} or {@code session.created}
 * @param json  the whole event as WorkOS sent it ({@code {"id", "event", "data", "created_at"}})
 */
public record WebhookEvent(String id, String event, String json) {
    public WebhookEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(json, "json");
    }
}
