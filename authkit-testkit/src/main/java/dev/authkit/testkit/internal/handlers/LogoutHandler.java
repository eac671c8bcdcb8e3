package dev.authkit.testkit.internal.handlers;

import dev.authkit.testkit.internal.FakeSettings;
import dev.authkit.testkit.internal.RedirectRules;
import dev.authkit.testkit.internal.Reply;
import dev.authkit.testkit.internal.WireJson;
import dev.authkit.testkit.internal.server.Handler;
import dev.authkit.testkit.internal.server.Request;
import dev.authkit.testkit.internal.store.Sessions;

/**
 * {@code GET /user_management/sessions/logout?session_id=..&return_to=..}: ends the session and
 * sends the browser to {@code return_to} when the redirect rules allow it, else to the fake's own
 * signed-out page (never to an arbitrary site).
 */
public final class LogoutHandler implements Handler {
    private final FakeSettings settings;
    private final Sessions sessions;
    private final RedirectRules redirects;

    public LogoutHandler(FakeSettings settings, Sessions sessions, RedirectRules redirects) {
        this.settings = settings;
        this.sessions = sessions;
        this.redirects = redirects;
    }

    @Override
    public Reply handle(Request request) {
        String sid = request.query().get("session_id");
        if (sid == null || sid.isEmpty()) {
            return WireJson.errorPage(400, "session_id is required.");
        }
        sessions.revoke(sid);
        String returnTo = request.query().get("return_to");
        return Reply.redirect(returnTo != null && redirects.logoutReturnAllowed(returnTo)
                ? returnTo : settings.baseUrl() + "/signed-out");
    }
}
