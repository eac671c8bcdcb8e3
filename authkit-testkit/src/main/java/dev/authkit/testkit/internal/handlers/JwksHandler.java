package dev.authkit.testkit.internal.handlers;

import dev.authkit.testkit.internal.FakeSettings;
import dev.authkit.testkit.internal.Http;
import dev.authkit.testkit.internal.Reply;
import dev.authkit.testkit.internal.TokenIssuer;
import dev.authkit.testkit.internal.server.Handler;
import dev.authkit.testkit.internal.server.Request;

/** {@code GET /sso/jwks/{clientId}}: the published signing keys, for the fake's own client id only (404 otherwise). */
public final class JwksHandler implements Handler {
    private static final String PREFIX = "/sso/jwks/";

    private final FakeSettings settings;
    private final TokenIssuer issuer;

    public JwksHandler(FakeSettings settings, TokenIssuer issuer) {
        this.settings = settings;
        this.issuer = issuer;
    }

    @Override
    public Reply handle(Request request) {
        String requestedClientId = request.path().substring(PREFIX.length());
        if (!settings.clientId().equals(requestedClientId)) {
            return Reply.json(404, "{\"message\":\"No JWKS for client " + Http.escape(requestedClientId) + "\"}");
        }
        return Reply.json(200, issuer.jwksJson());
    }
}
