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
 */
public record Routes(boolean callback, Optional<String> signIn, Optional<String> signUp, Optional<String> signOut,
                     Optional<String> api) {
    public Routes {
        signIn = checked(signIn, "signIn");
        signUp = checked(signUp, "signUp");
        signOut = checked(signOut, "signOut");
        api = checked(api, "api");
    }

    public static Routes defaults() {
        return new Routes(true, Optional.of("/auth/sign-in"), Optional.of("/auth/sign-up"), Optional.of("/auth/sign-out"),
                Optional.of("/auth/api"));
    }

    /** None at all: the application wires sign-in, the callback and sign-out itself through {@link AuthFlow}. */
    public static Routes none() {
        return new Routes(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Routes withSignIn(String path) {
        return new Routes(callback, Optional.of(path), signUp, signOut, api);
    }

    public Routes withSignUp(String path) {
        return new Routes(callback, signIn, Optional.of(path), signOut, api);
    }

    public Routes withSignOut(String path) {
        return new Routes(callback, signIn, signUp, Optional.of(path), api);
    }

    public Routes withApi(String prefix) {
        return new Routes(callback, signIn, signUp, signOut, Optional.of(prefix));
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
