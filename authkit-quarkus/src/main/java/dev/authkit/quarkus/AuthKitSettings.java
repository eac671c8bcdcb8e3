package dev.authkit.quarkus;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitOptions;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.core.RevocationList;
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
 * {@code AUTHKIT_REDIS_URI} or {@code authkit.redis-uri} for refresh coordination through Redis, and
 * {@code AUTHKIT_REVOCATION_LIST_URI} or {@code authkit.revocation-list-uri} for a revocation list
 * shared through Redis (both need {@code authkit-redis}). The session limits are options
 * ({@code authkit.inactivity-timeout}, {@code authkit.absolute-timeout}; MicroProfile Config reads
 * {@code AUTHKIT_INACTIVITY_TIMEOUT} for the first), the webhook secret a {@code WORKOS_*} variable.
 * The exact {@code WORKOS_*} name wins when both are set.
 */
public final class AuthKitSettings {
    /** The {@code WORKOS_*} names read (besides {@code NEXT_PUBLIC_WORKOS_REDIRECT_URI}). */
    public static final List<String> WORKOS_NAMES = List.of("WORKOS_CLIENT_ID", "WORKOS_API_KEY", "WORKOS_COOKIE_PASSWORD",
            "WORKOS_REDIRECT_URI", "WORKOS_COOKIE_MAX_AGE", "WORKOS_COOKIE_DOMAIN", "WORKOS_COOKIE_NAME", "WORKOS_COOKIE_SAMESITE",
            "WORKOS_API_HOSTNAME", "WORKOS_API_HTTPS", "WORKOS_API_PORT", "WORKOS_WEBHOOK_SECRET");
    public static final String REDIS_URI = "AUTHKIT_REDIS_URI";
    public static final String REVOCATION_LIST_URI = "AUTHKIT_REVOCATION_LIST_URI";

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
        Optional<RevocationList> revocations;
        try {
            revocations = first(lookup, REVOCATION_LIST_URI).filter(v -> !v.isBlank()).map(v -> RevocationList.fromUri(v.trim()));
        } catch (RuntimeException e) {
            coordination.ifPresent(AuthKitSettings::closeQuietly);
            throw e;
        }
        revocations.ifPresent(builder::revocationList);
        return new Result(builder, coordination, revocations);
    }

    private static Optional<String> first(Function<String, Optional<String>> lookup, String name) {
        Optional<String> exact = lookup.apply(name);
        return exact.isPresent() ? exact : lookup.apply(propertyName(name));
    }

    /** Closes what {@link #from} created when it is {@link AutoCloseable}; failures are ignored (shutting down). */
    static void closeQuietly(Object owned) {
        if (owned instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // nothing useful to do
            }
        }
    }

    /** What {@link #from} made; its owner closes the coordination and the revocation list when {@link AutoCloseable}. */
    public record Result(AuthKit.Builder builder, Optional<RefreshCoordination> coordination,
                         Optional<RevocationList> revocationList) {
        /** Without a revocation list, as before revocation lists; kept so existing callers compile. */
        public Result(AuthKit.Builder builder, Optional<RefreshCoordination> coordination) {
            this(builder, coordination, Optional.empty());
        }
    }
}
