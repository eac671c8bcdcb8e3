package dev.authkit.servlet;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.AuthKitOptions;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.core.RevocationList;
import dev.authkit.core.SessionStore;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link AuthKitFilter} configures itself from {@code web.xml}: the {@code WORKOS_*}
 * environment variables, overridden by init parameters of the same names; every
 * {@link AuthKitOptions} key as an init parameter ({@code middlewareAuth},
 * {@code unauthenticatedPaths}, {@code refreshBuffer} or {@code refreshBufferSeconds},
 * {@code inactivityTimeout}, {@code routes.signIn}, ...: see its table for values, defaults and
 * units), the variables of {@link AuthKitOptions#ENVIRONMENT} ({@code AUTHKIT_INACTIVITY_TIMEOUT},
 * {@code AUTHKIT_ABSOLUTE_TIMEOUT}) from the environment or as init parameters, filling the keys
 * not set; {@code WORKOS_WEBHOOK_SECRET} (environment or init parameter) turns on the WorkOS webhook
 * receiver; plus these init parameters of the filter's own:
 *
 * <table>
 * <caption>Init parameters of the filter</caption>
 * <tr><th>name</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code trustForwardedHeaders}</td><td>rebuild the URL from {@code X-Forwarded-*}; only behind a proxy that
 *     sets them</td><td>false</td></tr>
 * <tr><td>{@code AUTHKIT_REDIS_URI}</td><td>coordinate refreshes across instances through this Redis
 *     ({@code redis://host:6379}); also read from the environment variable of the same name; needs
 *     {@code authkit-redis} on the class path, found through {@link RefreshCoordination#fromUri}</td>
 *     <td>none: single flight within this instance</td></tr>
 * <tr><td>{@code AUTHKIT_SESSION_STORE_URI}</td><td>keep sessions server-side in this store ({@code redis://host:6379}),
 *     the cookie a sealed reference; also read from the environment; needs {@code authkit-redis}, found through
 *     {@link SessionStore#fromUri}; see {@code docs/large-sessions.md}</td><td>none: sessions in cookies</td></tr>
 * <tr><td>{@code AUTHKIT_REVOCATION_LIST_URI}</td><td>share revoked sessions (webhooks, sign out everywhere) between
 *     instances through this store ({@code redis://host:6379}); also read from the environment; needs
 *     {@code authkit-redis}, found through {@link RevocationList#fromUri}; see {@code docs/revocation.md}</td>
 *     <td>none: revocations known to this instance only</td></tr>
 * </table>
 *
 * <p>An unknown init parameter is an error, so a typo cannot silently leave routes unprotected.
 *
 * @param authKit               the AuthKit to run
 * @param trustForwardedHeaders see the table
 * @param coordination          the refresh coordination created from {@code AUTHKIT_REDIS_URI}, if
 *                              any; its owner (the filter) closes it when it is {@link AutoCloseable}
 * @param sessionStore          the session store created from {@code AUTHKIT_SESSION_STORE_URI}, if any; closed
 *                              by the filter likewise
 * @param revocationList        the revocation list created from {@code AUTHKIT_REVOCATION_LIST_URI}, if any;
 *                              closed by the filter likewise
 */
public record FilterSettings(AuthKit authKit, boolean trustForwardedHeaders, Optional<RefreshCoordination> coordination,
                             Optional<SessionStore> sessionStore, Optional<RevocationList> revocationList) {
    /** The environment variable and init parameter naming the Redis that coordinates refreshes. */
    public static final String REDIS_URI = "AUTHKIT_REDIS_URI";
    /** The environment variable and init parameter naming the server-side session store. */
    public static final String SESSION_STORE_URI = "AUTHKIT_SESSION_STORE_URI";
    /** The environment variable and init parameter naming the shared revocation list. */
    public static final String REVOCATION_LIST_URI = "AUTHKIT_REVOCATION_LIST_URI";
    private static final String TRUST_FORWARDED = "trustForwardedHeaders";

    /**
     * @throws AuthKitConfigException naming the first bad variable or parameter
     */
    public static FilterSettings from(Map<String, String> environment, Map<String, String> initParameters) {
        Map<String, String> vars = new HashMap<>(environment);
        Map<String, String> options = new HashMap<>();
        initParameters.forEach((k, v) -> {
            if (k.startsWith("WORKOS_") || k.equals(AuthKitConfig.NEXT_PUBLIC_REDIRECT_URI) || k.equals(REDIS_URI)
                    || k.equals(SESSION_STORE_URI) || k.equals(REVOCATION_LIST_URI) || AuthKitOptions.ENVIRONMENT.containsKey(k)) {
                vars.put(k, v);
            } else {
                options.put(k, v);
            }
        });
        AuthKitOptions parsed = AuthKitOptions.parser().adapterKeys(TRUST_FORWARDED, REDIS_URI, SESSION_STORE_URI,
                REVOCATION_LIST_URI, "WORKOS_*").environment(vars).parse(options);
        boolean trustForwarded = bool(options, TRUST_FORWARDED);
        AuthKit.Builder b = parsed.applyTo(AuthKit.builder(AuthKitConfig.fromMap(vars)));
        String redisUri = vars.get(REDIS_URI);
        Optional<RefreshCoordination> coordination = redisUri == null || redisUri.isBlank() ? Optional.empty()
                : Optional.of(RefreshCoordination.fromUri(redisUri.trim()));
        coordination.ifPresent(b::refreshCoordination);
        Optional<SessionStore> store = Optional.empty();
        Optional<RevocationList> revocations = Optional.empty();
        try {
            String storeUri = vars.get(SESSION_STORE_URI);
            store = storeUri == null || storeUri.isBlank() ? Optional.empty()
                    : Optional.of(SessionStore.fromUri(storeUri.trim()));
            store.ifPresent(b::sessionStore);
            String revocationUri = vars.get(REVOCATION_LIST_URI);
            revocations = revocationUri == null || revocationUri.isBlank() ? Optional.empty()
                    : Optional.of(RevocationList.fromUri(revocationUri.trim()));
            revocations.ifPresent(b::revocationList);
            return new FilterSettings(b.build(), trustForwarded, coordination, store, revocations);
        } catch (RuntimeException e) {
            coordination.ifPresent(FilterSettings::closeQuietly);
            store.ifPresent(FilterSettings::closeQuietly);
            revocations.ifPresent(FilterSettings::closeQuietly);
            throw e;
        }
    }

    /** The settings of the release before revocation lists; kept so existing callers compile. */
    public FilterSettings(AuthKit authKit, boolean trustForwardedHeaders, Optional<RefreshCoordination> coordination,
                          Optional<SessionStore> sessionStore) {
        this(authKit, trustForwardedHeaders, coordination, sessionStore, Optional.empty());
    }

    /** Closes a coordination or store the settings created ({@link AutoCloseable} ones); failures are ignored. */
    static void closeQuietly(Object owned) {
        if (owned instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // shutting down: nothing useful to do
            }
        }
    }

    private static boolean bool(Map<String, String> options, String name) {
        String v = options.get(name) == null ? "" : options.get(name).trim();
        if (v.isEmpty()) {
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
}
