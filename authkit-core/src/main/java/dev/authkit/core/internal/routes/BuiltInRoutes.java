package dev.authkit.core.internal.routes;

import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.Outcome;
import dev.authkit.core.Routes;
import dev.authkit.core.ScreenHint;
import dev.authkit.core.SignInOptions;
import dev.authkit.core.internal.flow.CallbackFlow;
import dev.authkit.core.internal.flow.SignInFlow;
import dev.authkit.core.internal.flow.SignOutFlow;
import dev.authkit.core.internal.outcome.ErrorPages;
import dev.authkit.core.internal.outcome.Outcomes;
import dev.authkit.core.internal.request.HttpUrls;
import dev.authkit.core.internal.request.Query;
import dev.authkit.core.internal.request.RequestContext;
import java.util.Map;
import java.util.Optional;

/**
 * The routes answered before any session is resolved: the browser client's files, the callback
 * (at the redirect URI's absolute path), sign-in and sign-up ({@code GET}, relative to the context
 * path), sign-out ({@code POST}, same origin only) and WorkOS's webhooks ({@link Webhooks}).
 */
public final class BuiltInRoutes {
    private final Routes routes;
    private final java.util.function.Predicate<String> redirectPath;
    private final CallbackOptions callbackOptions;
    private final ClientScript client;
    private final SignInFlow signIn;
    private final CallbackFlow callback;
    private final SignOutFlow signOut;
    private final Optional<Webhooks> webhooks;

    /** @param redirectPath whether a canonical path is that of a redirect URI in use (the callback's) */
    public BuiltInRoutes(Routes routes, java.util.function.Predicate<String> redirectPath, CallbackOptions callbackOptions, ClientScript client,
                         SignInFlow signIn, CallbackFlow callback, SignOutFlow signOut, Optional<Webhooks> webhooks) {
        this.webhooks = webhooks;
        this.routes = routes;
        this.redirectPath = redirectPath;
        this.callbackOptions = callbackOptions;
        this.client = client;
        this.signIn = signIn;
        this.callback = callback;
        this.signOut = signOut;
    }

    /** The answer of a built-in route, or empty when the request is for none of them. */
    public Optional<Outcome> answer(RequestContext ctx) {
        String path = ctx.appPath();
        Optional<Outcome> clientFile = client.handle(ctx, path);
        if (clientFile.isPresent()) {
            return clientFile;
        }
        if (webhooks.isPresent() && webhooks.get().path().equals(path)) {
            ctx.mayBlock(); // the revocation list, and a body to read
        }
        Optional<Outcome> webhook = webhooks.flatMap(w -> w.answer(ctx));
        if (webhook.isPresent()) {
            return webhook;
        }
        if (routes.callback() && redirectPath.test(ctx.canonicalPath())) {
            ctx.mayBlock(); // the code exchange, the organization choice
            if (ctx.method().equals("POST")) {
                // the organization chooser's answer: same origin only, with the sealed pending choice
                return Optional.of(SameOrigin.check(ctx) ? callback.selectOrganization(ctx, callbackOptions)
                        : ErrorPages.crossSite(ctx));
            }
            return Optional.of(callback.handle(ctx, callbackOptions));
        }
        boolean toSignIn = routes.signIn().filter(path::equals).isPresent();
        boolean toSignUp = routes.signUp().filter(path::equals).isPresent();
        if (toSignIn || toSignUp) {
            if (!ctx.method().equals("GET") && !ctx.method().equals("HEAD")) {
                return Optional.of(ErrorPages.methodNotAllowed(ctx, "GET"));
            }
            Map<String, String> query = Query.parse(ctx.rawQuery());
            SignInOptions options = SignInOptions.builder().screenHint(toSignUp ? ScreenHint.SIGN_UP : ScreenHint.SIGN_IN)
                    .returnTo(HttpUrls.localPathOr(query.get("returnTo"), ctx.rootPath()))
                    .loginHint(query.get("loginHint")).organizationId(query.get("organizationId"))
                    .maxAge(maxAge(query.get("maxAge"))).build();
            AuthorizationRedirect redirect = signIn.authorization(ctx, options, true);
            return Optional.of(new Outcome.Redirect(redirect.url(), 307, redirect.cookies(), Outcomes.noStore()));
        }
        if (routes.signOut().filter(path::equals).isPresent()) {
            ctx.mayBlock(); // the session's end at WorkOS and in the store
            if (!ctx.method().equals("POST")) {
                return Optional.of(ErrorPages.methodNotAllowed(ctx, "POST"));
            }
            if (!SameOrigin.check(ctx)) {
                return Optional.of(ErrorPages.crossSite(ctx));
            }
            return Optional.of(signOut.signOut(ctx, Optional.ofNullable(Query.parse(ctx.rawQuery()).get("returnTo"))));
        }
        return Optional.empty();
    }

    /** A step-up age from the sign-in route's {@code maxAge} (whole seconds, up to a year); anything else is none. */
    static java.time.Duration maxAge(String seconds) {
        if (seconds == null || !seconds.matches("[0-9]{1,8}")) {
            return null;
        }
        long s = Long.parseLong(seconds);
        return s <= 31_536_000L ? java.time.Duration.ofSeconds(s) : null;
    }
}
