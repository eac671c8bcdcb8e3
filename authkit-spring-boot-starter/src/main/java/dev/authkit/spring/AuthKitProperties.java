package dev.authkit.spring;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code authkit.*} properties: one per {@code AuthKitConfig} variable and {@code AuthKit.Builder}
 * option. A connection property left unset falls back to its {@code WORKOS_*} variable (from the
 * environment, system properties or {@code application.properties}), so an application configured
 * for authkit-nextjs runs unchanged; a property that is set wins over the variable.
 *
 * @param clientId              {@code WORKOS_CLIENT_ID}; required
 * @param apiKey                {@code WORKOS_API_KEY}; required
 * @param cookiePassword        {@code WORKOS_COOKIE_PASSWORD}: seals the session cookie; required, at least 32 characters
 * @param redirectUri           {@code WORKOS_REDIRECT_URI}: the absolute callback URL, context path included; required
 * @param cookieName            {@code WORKOS_COOKIE_NAME}; default {@code wos-session}
 * @param cookieDomain          {@code WORKOS_COOKIE_DOMAIN}; default none (a host-only cookie)
 * @param cookieMaxAge          {@code WORKOS_COOKIE_MAX_AGE} (whole seconds); default 400 days
 * @param cookieSameSite        {@code WORKOS_COOKIE_SAMESITE}: {@code lax}, {@code strict} or {@code none}; default {@code lax}
 * @param apiHostname           {@code WORKOS_API_HOSTNAME}; default {@code api.workos.com}
 * @param apiHttps              {@code WORKOS_API_HTTPS}; default true
 * @param apiPort               {@code WORKOS_API_PORT}; default the scheme's port
 * @param middlewareAuth        protect every path that is not in {@code unauthenticated-paths}; default false
 * @param unauthenticatedPaths  public path globs (relative to the servlet context path) when {@code middleware-auth} is on
 * @param signUpPaths           path globs whose sign-in opens on the sign-up screen
 * @param eagerAuth             set the short-lived {@code workos-access-token} cookie on page loads; default false
 * @param debug                 log every decision at INFO (no secrets); default false
 * @param acceptBearerTokens    accept {@code Authorization: Bearer <WorkOS access token>}; default false
 * @param refreshBuffer         refresh this long before the access token expires; default adaptive (60 s, or 30 s for
 *                              tokens living five minutes or less)
 * @param refreshGracePeriod    how long a refreshed session still answers requests with the old cookie; default 10 s
 * @param httpTimeout           connect and read timeout of signing-key fetches; default 2 s
 * @param allowedReturnOrigins  origins besides the application's that sign-out may return to
 * @param trustForwardedHeaders rebuild the request URL from {@code X-Forwarded-*}; only behind a proxy that sets them
 *                              (with {@code server.forward-headers-strategy} the container does this already); default false
 * @param redisUri              {@code AUTHKIT_REDIS_URI}: coordinate refreshes across instances through this Redis
 *                              ({@code redis://host:6379}; needs {@code authkit-redis}); default none (one instance)
 * @param sessionStoreUri       {@code AUTHKIT_SESSION_STORE_URI}: keep sessions server-side in this store
 *                              ({@code redis://host:6379}; needs {@code authkit-redis}); default none (sessions in cookies)
 * @param webhookSecret         {@code WORKOS_WEBHOOK_SECRET}: the secret WorkOS signs webhooks with; turns on the receiver
 *                              at {@code authkit.routes.webhooks}; default none (the route answers 404)
 * @param inactivityTimeout     sign a session out once unused this long (coarse: within a minute); also
 *                              {@code AUTHKIT_INACTIVITY_TIMEOUT}; default none
 * @param absoluteTimeout       sign a session out this long after sign-in; also {@code AUTHKIT_ABSOLUTE_TIMEOUT}; default none
 * @param revocationListUri     {@code AUTHKIT_REVOCATION_LIST_URI}: share revoked sessions between instances through this
 *                              store ({@code redis://host:6379}; needs {@code authkit-redis}); default none (this instance only)
 * @param filterOrder           order of the authkit filter; default {@value #DEFAULT_FILTER_ORDER}, before Spring Security's
 *                              filter chain (-100) so the session is known when Spring Security runs
 * @param routes                the paths authkit answers itself
 * @param callback              the sign-in callback
 * @param pathPolicy            which ambiguous raw paths to accept after all (default none: every one gets 400)
 * @param security              the Spring Security bridge
 */
@ConfigurationProperties("authkit")
public record AuthKitProperties(String clientId, String apiKey, String cookiePassword, String redirectUri,
                                String cookieName, String cookieDomain, Duration cookieMaxAge, String cookieSameSite,
                                String apiHostname, Boolean apiHttps, Integer apiPort,
                                @DefaultValue("false") boolean middlewareAuth, List<String> unauthenticatedPaths,
                                List<String> signUpPaths, @DefaultValue("false") boolean eagerAuth,
                                @DefaultValue("false") boolean debug, @DefaultValue("false") boolean acceptBearerTokens,
                                Duration refreshBuffer, @DefaultValue("10s") Duration refreshGracePeriod,
                                @DefaultValue("2s") Duration httpTimeout, List<String> allowedReturnOrigins,
                                @DefaultValue("false") boolean trustForwardedHeaders, String redisUri, String sessionStoreUri,
                                String webhookSecret, Duration inactivityTimeout, Duration absoluteTimeout,
                                String revocationListUri,
                                @DefaultValue("" + DEFAULT_FILTER_ORDER) int filterOrder,
                                @DefaultValue Routes routes, @DefaultValue Callback callback,
                                @DefaultValue PathPolicy pathPolicy, @DefaultValue Security security) {
    /** Before Spring Security's filter chain ({@code -100}) and Spring's request-context filter ({@code -105}). */
    public static final int DEFAULT_FILTER_ORDER = -110;

    public AuthKitProperties {
        unauthenticatedPaths = unauthenticatedPaths == null ? List.of() : List.copyOf(unauthenticatedPaths);
        signUpPaths = signUpPaths == null ? List.of() : List.copyOf(signUpPaths);
        allowedReturnOrigins = allowedReturnOrigins == null ? List.of() : List.copyOf(allowedReturnOrigins);
    }

    /**
     * Every setting but the secrets: the API key, cookie password and webhook secret are masked, and so
     * are the store URIs (which may carry a password).
     */
    @Override
    public String toString() {
        return "AuthKitProperties[clientId=" + clientId + ", apiKey=" + mask(apiKey) + ", cookiePassword=" + mask(cookiePassword)
                + ", redirectUri=" + redirectUri + ", cookieName=" + cookieName + ", cookieDomain=" + cookieDomain
                + ", cookieMaxAge=" + cookieMaxAge + ", cookieSameSite=" + cookieSameSite + ", apiHostname=" + apiHostname
                + ", apiHttps=" + apiHttps + ", apiPort=" + apiPort + ", middlewareAuth=" + middlewareAuth
                + ", unauthenticatedPaths=" + unauthenticatedPaths + ", signUpPaths=" + signUpPaths + ", eagerAuth=" + eagerAuth
                + ", debug=" + debug + ", acceptBearerTokens=" + acceptBearerTokens + ", refreshBuffer=" + refreshBuffer
                + ", refreshGracePeriod=" + refreshGracePeriod + ", httpTimeout=" + httpTimeout
                + ", allowedReturnOrigins=" + allowedReturnOrigins + ", trustForwardedHeaders=" + trustForwardedHeaders
                + ", redisUri=" + mask(redisUri) + ", sessionStoreUri=" + mask(sessionStoreUri)
                + ", webhookSecret=" + mask(webhookSecret) + ", inactivityTimeout=" + inactivityTimeout
                + ", absoluteTimeout=" + absoluteTimeout + ", revocationListUri=" + mask(revocationListUri)
                + ", filterOrder=" + filterOrder + ", routes=" + routes
                + ", callback=" + callback + ", pathPolicy=" + pathPolicy + ", security=" + security + "]";
    }

    private static String mask(String secret) {
        return secret == null ? null : "******";
    }

    /**
     * The Spring Security bridge (active only with Spring Security on the class path).
     *
     * @param csrfIgnoresBearerRequests tell Spring Security's CSRF protection to let requests through that
     *                                  authkit authenticated with {@code Authorization: Bearer <access token>}
     *                                  (a browser never adds that header on its own, so such requests cannot be
     *                                  forged cross-site); default true. Cookie-authenticated requests keep
     *                                  Spring's CSRF check, and authkit's own JSON routes keep their own rule.
     * @param logoutEndsSession         Spring Security's own logout ({@code POST /logout}) also clears the authkit
     *                                  session cookie and sends the browser to WorkOS's logout; default true
     */
    public record Security(@DefaultValue("true") boolean csrfIgnoresBearerRequests,
                           @DefaultValue("true") boolean logoutEndsSession) {
    }

    /**
     * The routes authkit answers itself, relative to the servlet context path. An empty value
     * switches a route off.
     *
     * @param callback whether to answer the sign-in callback at the redirect URI's path; default true
     * @param signIn   {@code GET}: redirect to sign-in ({@code ?returnTo=/path}); default {@code /auth/sign-in}
     * @param signUp   {@code GET}: the same on the sign-up screen; default {@code /auth/sign-up}
     * @param signOut  {@code POST}: sign out; default {@code /auth/sign-out}
     * @param api      prefix of the JSON endpoints for browser code; default {@code /auth/api}
     * @param client   the browser client (an ES module; its {@code .d.ts} beside it); default {@code /auth/client.js}
     * @param webhooks {@code POST}: WorkOS's signed webhooks (with {@code authkit.webhook-secret}); default
     *                 {@code /auth/webhooks/workos}
     */
    public record Routes(@DefaultValue("true") boolean callback, @DefaultValue("/auth/sign-in") String signIn,
                         @DefaultValue("/auth/sign-up") String signUp, @DefaultValue("/auth/sign-out") String signOut,
                         @DefaultValue("/auth/api") String api, @DefaultValue("/auth/client.js") String client,
                         @DefaultValue("/auth/webhooks/workos") String webhooks) {
    }

    /**
     * @param allow names of {@code dev.authkit.core.PathPolicy.Rule}s to relax ({@code semicolon},
     *              {@code encoded-slash}, ...); know each one's risk first; default none
     */
    public record PathPolicy(List<String> allow) {
        public PathPolicy {
            allow = allow == null ? List.of() : List.copyOf(allow);
        }
    }

    /**
     * @param returnPathname where to go after sign-in when the flow did not say; default the application's root
     * @param baseUrl        origin to redirect to after sign-in instead of the callback request's own; default none
     */
    public record Callback(@DefaultValue("/") String returnPathname, String baseUrl) {
    }
}
