package dev.authkit.testkit.internal.handlers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.testkit.internal.FakeSettings;
import dev.authkit.testkit.internal.Reply;
import dev.authkit.testkit.internal.WireJson;
import dev.authkit.testkit.internal.server.Handler;
import dev.authkit.testkit.internal.server.Request;
import dev.authkit.testkit.internal.store.SessionState;
import dev.authkit.testkit.internal.store.Sessions;

/**
 * {@code GET /user_management/users/{id}/sessions}: the Sessions API's list of a user's sessions,
 * in the shape the WorkOS SDK 7.2.0 reads ({@code {"object":"list","data":[session...],
 * "list_metadata":{"before","after"}}}), all on one page. Needs the API key as bearer token.
 */
public final class ListSessionsHandler implements Handler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/user_management/users/";

    private final FakeSettings settings;
    private final Sessions sessions;

    public ListSessionsHandler(FakeSettings settings, Sessions sessions) {
        this.settings = settings;
        this.sessions = sessions;
    }

    @Override
    public Reply handle(Request request) {
        if (!("Bearer " + settings.apiKey()).equals(request.header("Authorization"))) {
            return WireJson.error(401, "unauthorized", "Invalid API key.");
        }
        String userId = request.path().substring(PREFIX.length(), request.path().length() - "/sessions".length());
        ObjectNode out = JSON.createObjectNode().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (SessionState s : sessions.ofUser(userId)) {
            data.add(WireJson.session(s, settings.clock().instant()));
        }
        out.putObject("list_metadata").putNull("before").putNull("after");
        return Reply.json(200, out.toString());
    }
}
