package dev.authkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The paths {@link AuthKit#handle} answers itself, so an adapter needs nothing but that one entry
 * point. Paths are relative to the request's {@link AuthKitRequest#contextPath()} (with a servlet
 * context path {@code /app}, sign-in is {@code /app/auth/sign-in}); the callback is answered at the
 * redirect URI's absolute path.
 *
 * @param callback whether to answer the sign-in callback at the redirect URI's path; default true
 * @param signIn   {@code GET}: redirect to AuthKit's sign-in ({@code ?returnTo=/path}); default {@code /auth/sign-in}
 * @param signUp   {@code GET}: the same on the sign-up screen; default {@code /auth/sign-up}
 * @param signOut  {@code POST}: sign out ({@code ?returnTo=/path}); default {@code /auth/sign-out}
 * @param api      prefix of the JSON endpoints for browser code (see {@link BrowserApi}); default {@code /auth/api}
 * @param client   {@code GET}: the browser client, an ES module (see {@link BrowserClient}); default {@code /auth/client.js}
 * @param clientTypes {@code GET}: its TypeScript declarations; default {@code /auth/client.d.ts}
 * @param webhooks {@code POST}: WorkOS's signed webhooks (answered only with a webhook secret configured, else 404);
 *                 default {@code /auth/webhooks/workos}
 */
public record Routes(boolean callback, Optional<String> signIn, Optional<String> signUp, Optional<String> signOut,
                     Optional<String> api, Optional<String> client, Optional<String> clientTypes,
                     Optional<String> webhooks) {
    public Routes {
        signIn = checked(signIn, "signIn");
        signUp = checked(signUp, "signUp");
        signOut = checked(signOut, "signOut");
        api = checked(api, "api");
        client = checked(client, "client");
        clientTypes = checked(clientTypes, "clientTypes");
        webhooks = checked(webhooks, "webhooks");
    }

    /** The routes of the browser-client era, with the default webhook path; kept so existing callers compile. */
    public Routes(boolean callback, Optional<String> signIn, Optional<String> signUp, Optional<String> signOut,
                  Optional<String> api, Optional<String> client, Optional<String> clientTypes) {
        this(callback, signIn, signUp, signOut, api, client, clientTypes, Optional.of(DEFAULT_WEBHOOKS));
    }

    /** The routes of the JSON API era, without the browser client; kept so existing callers compile. */
    public Routes(boolean callback, Optional<String> signIn, Optional<String> signUp, Optional<String> signOut,
                  Optional<String> api) {
        this(callback, signIn, signUp, signOut, api, Optional.empty(), Optional.empty());
    }

    /** The default path of the WorkOS webhook receiver. */
    public static final String DEFAULT_WEBHOOKS = "/auth/webhooks/workos";

    public static Routes defaults() {
        return new Routes(true, Optional.of("/auth/sign-in"), Optional.of("/auth/sign-up"), Optional.of("/auth/sign-out"),
                Optional.of("/auth/api"), Optional.of("/auth/client.js"), Optional.of("/auth/client.d.ts"), Optional.of(DEFAULT_WEBHOOKS));
    }

    /** None at all: the application wires sign-in, the callback and sign-out itself through {@link AuthFlow}. */
    public static Routes none() {
        return new Routes(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public Routes withSignIn(String path) {
        return new Routes(callback, Optional.of(path), signUp, signOut, api, client, clientTypes, webhooks);
    }

    public Routes withSignUp(String path) {
        return new Routes(callback, signIn, Optional.of(path), signOut, api, client, clientTypes, webhooks);
    }

    public Routes withSignOut(String path) {
        return new Routes(callback, signIn, signUp, Optional.of(path), api, client, clientTypes, webhooks);
    }

    /** The JSON API under {@code prefix}; the served browser client calls it there. */
    public Routes withApi(String prefix) {
        return new Routes(callback, signIn, signUp, signOut, Optional.of(prefix), client, clientTypes, webhooks);
    }

    /** The browser client at {@code path} and its declarations next to it ({@code .js} replaced by {@code .d.ts}). */
    public Routes withClient(String path) {
        String types = path.endsWith(".js") ? path.substring(0, path.length() - 3) + ".d.ts" : path + ".d.ts";
        return new Routes(callback, signIn, signUp, signOut, api, Optional.of(path), Optional.of(types), webhooks);
    }

    /** The WorkOS webhook receiver at {@code path}. */
    public Routes withWebhooks(String path) {
        return new Routes(callback, signIn, signUp, signOut, api, client, clientTypes, Optional.of(path));
    }

    /** No webhook receiver, even with a webhook secret configured. */
    public Routes withoutWebhooks() {
        return new Routes(callback, signIn, signUp, signOut, api, client, clientTypes, Optional.empty());
    }

    /** No browser client routes (the JSON API stays). */
    public Routes withoutClient() {
        return new Routes(callback, signIn, signUp, signOut, api, Optional.empty(), Optional.empty(), webhooks);
    }

    private static Optional<String> checked(Optional<String> path, String name) {
        Objects.requireNonNull(path, name);
        path.ifPresent(p -> {
            if (!p.startsWith("/") || p.contains("?") || p.contains("#") || p.length() < 2) {
                throw new AuthKitConfigException("route " + name + " must be a path starting with /, got '" + p + "'");
            }
        });
        return path;
    }
}
