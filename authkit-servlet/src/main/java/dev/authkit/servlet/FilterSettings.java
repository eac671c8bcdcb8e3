package dev.authkit.servlet;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.RefreshCoordination;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link AuthKitFilter} configures itself from {@code web.xml}: the {@code WORKOS_*}
 * environment variables, overridden by init parameters of the same names, plus these init
 * parameters for the middleware options:
 *
 * <table>
 * <caption>Init parameters</caption>
 * <tr><th>name</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code middlewareAuth}</td><td>protect every path not listed as public</td><td>false</td></tr>
 * <tr><td>{@code unauthenticatedPaths}</td><td>public path globs, comma-separated</td><td>none</td></tr>
 * <tr><td>{@code signUpPaths}</td><td>globs whose sign-in opens on sign-up, comma-separated</td><td>none</td></tr>
 * <tr><td>{@code redirectUri}</td><td>override of {@code WORKOS_REDIRECT_URI} for the middleware</td><td>none</td></tr>
 * <tr><td>{@code eagerAuth}</td><td>set the {@code workos-access-token} cookie on page loads</td><td>false</td></tr>
 * <tr><td>{@code debug}</td><td>log decisions at INFO</td><td>false</td></tr>
 * <tr><td>{@code refreshBufferSeconds}</td><td>refresh this long before expiry</td><td>adaptive (60 or 30)</td></tr>
 * <tr><td>{@code trustForwardedHeaders}</td><td>rebuild the URL from {@code X-Forwarded-*}</td><td>false</td></tr>
 * <tr><td>{@code AUTHKIT_REDIS_URI}</td><td>coordinate refreshes across instances through this Redis
 *     ({@code redis://host:6379}); also read from the environment variable of the same name; needs
 *     {@code authkit-redis} on the class path, found through {@link RefreshCoordination#fromUri}</td>
 *     <td>none: single flight within this instance</td></tr>
 * </table>
 *
 * <p>An unknown init parameter is an error, so a typo cannot silently leave routes unprotected.
 *
 * @param authKit               the AuthKit to run
 * @param trustForwardedHeaders see the table
 * @param coordination          the refresh coordination created from {@code AUTHKIT_REDIS_URI}, if
 *                              any; its owner (the filter) closes it when it is {@link AutoCloseable}
 */
public record FilterSettings(AuthKit authKit, boolean trustForwardedHeaders, Optional<RefreshCoordination> coordination) {
    /** The environment variable and init parameter naming the Redis that coordinates refreshes. */
    public static final String REDIS_URI = "AUTHKIT_REDIS_URI";

    private static final Set<String> OPTIONS = Set.of("middlewareAuth", "unauthenticatedPaths", "signUpPaths", "redirectUri",
            "eagerAuth", "debug", "refreshBufferSeconds", "trustForwardedHeaders");

    /**
     * @throws AuthKitConfigException naming the first bad variable or parameter
     */
    public static FilterSettings from(Map<String, String> environment, Map<String, String> initParameters) {
        Map<String, String> vars = new HashMap<>(environment);
        Map<String, String> options = new HashMap<>();
        initParameters.forEach((k, v) -> {
            if (k.startsWith("WORKOS_") || k.equals(AuthKitConfig.NEXT_PUBLIC_REDIRECT_URI) || k.equals(REDIS_URI)) {
                vars.put(k, v);
            } else if (OPTIONS.contains(k)) {
                options.put(k, v == null ? "" : v.trim());
            } else {
                throw new AuthKitConfigException("unknown AuthKitFilter init parameter '" + k + "'; known: "
                        + String.join(", ", new java.util.TreeSet<>(OPTIONS)) + ", " + REDIS_URI + " and the WORKOS_* variables");
            }
        });
        AuthKit.Builder b = AuthKit.builder(AuthKitConfig.fromMap(vars))
                .middlewareAuth(bool(options, "middlewareAuth"))
                .unauthenticatedPaths(list(options.get("unauthenticatedPaths")))
                .signUpPaths(list(options.get("signUpPaths")))
                .eagerAuth(bool(options, "eagerAuth"))
                .debug(bool(options, "debug"));
        String redirect = options.get("redirectUri");
        if (redirect != null && !redirect.isEmpty()) {
            b.redirectUri(redirect);
        }
        String buffer = options.get("refreshBufferSeconds");
        if (buffer != null && !buffer.isEmpty()) {
            try {
                b.refreshBuffer(Duration.ofSeconds(Long.parseLong(buffer)));
            } catch (NumberFormatException e) {
                throw new AuthKitConfigException("refreshBufferSeconds must be a whole number of seconds, got '" + buffer + "'");
            }
        }
        boolean trustForwarded = bool(options, "trustForwardedHeaders");
        String redisUri = vars.get(REDIS_URI);
        Optional<RefreshCoordination> coordination = redisUri == null || redisUri.isBlank() ? Optional.empty()
                : Optional.of(RefreshCoordination.fromUri(redisUri.trim()));
        coordination.ifPresent(b::refreshCoordination);
        try {
            return new FilterSettings(b.build(), trustForwarded, coordination);
        } catch (RuntimeException e) {
            coordination.ifPresent(FilterSettings::closeQuietly);
            throw e;
        }
    }

    /** Closes a coordination the settings created ({@link AutoCloseable} ones); failures are ignored. */
    static void closeQuietly(RefreshCoordination coordination) {
        if (coordination instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // shutting down: nothing useful to do
            }
        }
    }

    private static boolean bool(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null || v.isEmpty()) {
            return false;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new AuthKitConfigException(name + " must be true or false, got '" + v + "'");
        }
    }

    private static String[] list(String value) {
        if (value == null || value.isBlank()) {
            return new String[0];
        }
        return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
