package dev.authkit.testkit.internal.handlers;

import dev.authkit.testkit.internal.FakeSettings;
import dev.authkit.testkit.internal.Reply;
import dev.authkit.testkit.internal.WireJson;
import dev.authkit.testkit.internal.server.Handler;
import dev.authkit.testkit.internal.server.Request;
import dev.authkit.testkit.internal.store.Sessions;

/**
 * {@code POST /user_management/sessions/revoke} ({@code session_id} in the body): ends a session
 * from the server side. Needs the API key as bearer token; 404 for a session the fake never opened.
 */
public final class RevokeSessionHandler implements Handler {
    private final FakeSettings settings;
    private final Sessions sessions;

    public RevokeSessionHandler(FakeSettings settings, Sessions sessions) {
        this.settings = settings;
        this.sessions = sessions;
    }

    @Override
    public Reply handle(Request request) {
        if (!("Bearer " + settings.apiKey()).equals(request.header("Authorization"))) {
            return WireJson.error(401, "unauthorized", "Invalid API key.");
        }
        String sid = WireJson.bodyParams(request.body()).get("session_id");
        if (sid == null || sessions.get(sid) == null) {
            return Reply.json(404, "{\"message\":\"Session not found\",\"code\":\"entity_not_found\"}");
        }
        sessions.revoke(sid);
        return Reply.json(200, "{}");
    }
}
