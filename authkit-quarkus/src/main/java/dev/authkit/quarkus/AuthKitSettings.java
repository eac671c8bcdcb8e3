package dev.authkit.quarkus;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitOptions;
import dev.authkit.core.RefreshCoordination;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How configuration names map to an {@link AuthKit}: every {@code WORKOS_*} variable of
 * {@link AuthKitConfig#fromMap} under its own name or as {@code authkit.<rest in kebab case>}
 * ({@code WORKOS_CLIENT_ID} or {@code authkit.client-id}), every {@link AuthKitOptions} key as
 * {@code authkit.<key in kebab case>} ({@code authkit.middleware-auth},
 * {@code authkit.unauthenticated-paths}, {@code authkit.routes.sign-in}), and
 * {@code AUTHKIT_REDIS_URI} or {@code authkit.redis-uri} for refresh coordination through Redis.
 * The exact {@code WORKOS_*} name wins when both are set.
 */
public final class AuthKitSettings {
    /** The {@code WORKOS_*} names read (besides {@code NEXT_PUBLIC_WORKOS_REDIRECT_URI}). */
    public static final List<String> WORKOS_NAMES = List.of("WORKOS_CLIENT_ID", "WORKOS_API_KEY", "WORKOS_COOKIE_PASSWORD",
            "WORKOS_REDIRECT_URI", "WORKOS_COOKIE_MAX_AGE", "WORKOS_COOKIE_DOMAIN", "WORKOS_COOKIE_NAME", "WORKOS_COOKIE_SAMESITE",
            "WORKOS_API_HOSTNAME", "WORKOS_API_HTTPS", "WORKOS_API_PORT", "WORKOS_WEBHOOK_SECRET");
    public static final String REDIS_URI = "AUTHKIT_REDIS_URI";

    private AuthKitSettings() {
    }

    /** {@code authkit.client-id} for {@code WORKOS_CLIENT_ID}; {@code authkit.middleware-auth} for {@code middlewareAuth}. */
    public static String propertyName(String name) {
        String rest = name.startsWith("WORKOS_") ? name.substring("WORKOS_".length()).toLowerCase(Locale.ROOT).replace('_', '-')
                : name.startsWith("AUTHKIT_") ? name.substring("AUTHKIT_".length()).toLowerCase(Locale.ROOT).replace('_', '-')
                : name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return "authkit." + rest;
    }

    /**
     * The builder the configuration describes, and the coordination it created (its owner closes
     * it when it is {@link AutoCloseable}).
     *
     * @param lookup the configuration: a name to its value, empty when unset
     * @throws dev.authkit.core.AuthKitConfigException naming the first bad setting
     */
    public static Result from(Function<String, Optional<String>> lookup) {
        Map<String, String> vars = new HashMap<>();
        for (String name : WORKOS_NAMES) {
            first(lookup, name).ifPresent(v -> vars.put(name, v));
        }
        lookup.apply(AuthKitConfig.NEXT_PUBLIC_REDIRECT_URI).ifPresent(v -> vars.put(AuthKitConfig.NEXT_PUBLIC_REDIRECT_URI, v));
        Map<String, String> options = new HashMap<>();
        for (String key : AuthKitOptions.keys()) {
            lookup.apply(propertyName(key)).ifPresent(v -> options.put(key, v));
        }
        AuthKit.Builder builder = AuthKitOptions.parser().naming(AuthKitSettings::propertyName).parse(options)
                .applyTo(AuthKit.builder(AuthKitConfig.fromMap(vars)));
        Optional<RefreshCoordination> coordination = first(lookup, REDIS_URI).filter(v -> !v.isBlank())
                .map(v -> RefreshCoordination.fromUri(v.trim()));
        coordination.ifPresent(builder::refreshCoordination);
        return new Result(builder, coordination);
    }

    private static Optional<String> first(Function<String, Optional<String>> lookup, String name) {
        Optional<String> exact = lookup.apply(name);
        return exact.isPresent() ? exact : lookup.apply(propertyName(name));
    }

    /** What {@link #from} made. */
    public record Result(AuthKit.Builder builder, Optional<RefreshCoordination> coordination) {
    }
}
