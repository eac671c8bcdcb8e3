package dev.authkit.testkit.internal.handlers;

import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.internal.ApiKeyValidations;
import dev.authkit.testkit.internal.FailureQueue;
import dev.authkit.testkit.internal.FakeSettings;
import dev.authkit.testkit.internal.HostedPages;
import dev.authkit.testkit.internal.RedirectRules;
import dev.authkit.testkit.internal.Reply;
import dev.authkit.testkit.internal.RequestJournal;
import dev.authkit.testkit.internal.TokenIssuer;
import dev.authkit.testkit.internal.server.Dispatcher;
import dev.authkit.testkit.internal.server.Request;
import dev.authkit.testkit.internal.store.AccessTokens;
import dev.authkit.testkit.internal.store.AuthorizationCodes;
import dev.authkit.testkit.internal.store.Directory;
import dev.authkit.testkit.internal.store.Sessions;
import java.time.Duration;
import java.util.function.Function;

/**
 * Wires one handler per {@link Endpoint} into a {@link Dispatcher}. Anything else gets the
 * fallback: the signed-out page at {@code GET /signed-out} (where sign-out lands without a
 * permitted {@code return_to}), and a WorkOS-style 404 otherwise.
 */
public final class Routes {
    private Routes() {
    }

    /** The stores and settings a dispatcher's handlers share. */
    public record Parts(FakeSettings settings, Directory directory, Sessions sessions, AuthorizationCodes codes,
                        AccessTokens tokens, TokenIssuer issuer, ApiKeyValidations apiKeys, FailureQueue failures,
                        RequestJournal journal) {
    }

    /**
     * @param signUp       seeds a user from the hosted sign-up form
     * @param codeLifetime how long authorization codes stay valid
     */
    public static Dispatcher dispatcher(Parts p, Function<FakeUser.Builder, FakeUser> signUp, Duration codeLifetime) {
        RedirectRules redirects = new RedirectRules(p.settings().redirectUris());
        return new Dispatcher(Routes::fallback, p.failures(), p.journal(), p.settings().clock())
                .on(Endpoint.AUTHENTICATE, new AuthenticateHandler(p.settings(), p.directory(), p.sessions(), p.codes(),
                        p.tokens()))
                .on(Endpoint.JWKS, new JwksHandler(p.settings(), p.issuer()))
                .on(Endpoint.AUTHORIZE, new AuthorizeHandler(p.settings(), p.directory(), p.codes(), redirects, signUp,
                        codeLifetime))
                .on(Endpoint.LOGOUT, new LogoutHandler(p.settings(), p.sessions(), redirects))
                .on(Endpoint.REVOKE_SESSION, new RevokeSessionHandler(p.settings(), p.sessions()))
                .on(Endpoint.LIST_SESSIONS, new ListSessionsHandler(p.settings(), p.sessions()))
                .on(Endpoint.ORGANIZATION, new OrganizationHandler(p.settings(), p.directory()))
                .on(Endpoint.API_KEY_VALIDATION,
                        r -> p.apiKeys().validate(r.header("Authorization"), p.settings().apiKey(), r.body()));
    }

    private static Reply fallback(Request request) {
        if (request.path().equals("/signed-out") && request.method().equals("GET")) {
            return Reply.html(200, HostedPages.signedOut());
        }
        return Reply.json(404, "{\"message\":\"Not found\",\"code\":\"entity_not_found\"}");
    }
}
