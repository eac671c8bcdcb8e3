package dev.authkit.testkit.internal.handlers;

import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.internal.FakeSettings;
import dev.authkit.testkit.internal.Reply;
import dev.authkit.testkit.internal.WireJson;
import dev.authkit.testkit.internal.server.Handler;
import dev.authkit.testkit.internal.server.Request;
import dev.authkit.testkit.internal.store.Directory;

/** {@code GET /organizations/{id}}: a seeded organization, created (for the wire) when the fake started. */
public final class OrganizationHandler implements Handler {
    private static final String PREFIX = "/organizations/";

    private final FakeSettings settings;
    private final Directory directory;

    public OrganizationHandler(FakeSettings settings, Directory directory) {
        this.settings = settings;
        this.directory = directory;
    }

    @Override
    public Reply handle(Request request) {
        FakeOrganization org = directory.organization(request.path().substring(PREFIX.length())).orElse(null);
        if (org == null) {
            return Reply.json(404, "{\"message\":\"Organization not found\",\"code\":\"entity_not_found\"}");
        }
        return Reply.json(200, WireJson.organization(org, settings.clockStart()));
    }
}
