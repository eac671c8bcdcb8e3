package dev.authkit.spring.internal;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.Routes;
import dev.authkit.spring.AuthKitBuilderCustomizer;
import dev.authkit.spring.AuthKitProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the auto-configured {@link AuthKit}: the {@code WORKOS_*} variables, overridden by the
 * {@code authkit.*} properties that are set, then the builder options, then the customizers. A bad
 * or missing value is an {@link AuthKitConfigException} whose message names the property and the variable.
 */
public final class AuthKitFactory {
    /** Property names by the variable they stand for. */
    static final Map<String, String> PROPERTIES = new LinkedHashMap<>();

    static {
        PROPERTIES.put(AuthKitConfig.CLIENT_ID, "authkit.client-id");
        PROPERTIES.put(AuthKitConfig.API_KEY, "authkit.api-key");
        PROPERTIES.put(AuthKitConfig.COOKIE_PASSWORD, "authkit.cookie-password");
        PROPERTIES.put(AuthKitConfig.REDIRECT_URI, "authkit.redirect-uri");
        PROPERTIES.put(AuthKitConfig.COOKIE_NAME, "authkit.cookie-name");
        PROPERTIES.put(AuthKitConfig.COOKIE_DOMAIN, "authkit.cookie-domain");
        PROPERTIES.put(AuthKitConfig.COOKIE_MAX_AGE, "authkit.cookie-max-age");
        PROPERTIES.put(AuthKitConfig.COOKIE_SAMESITE, "authkit.cookie-same-site");
        PROPERTIES.put(AuthKitConfig.API_HOSTNAME, "authkit.api-hostname");
        PROPERTIES.put(AuthKitConfig.API_HTTPS, "authkit.api-https");
        PROPERTIES.put(AuthKitConfig.API_PORT, "authkit.api-port");
    }

    private static final Pattern VARIABLE = Pattern.compile("\\b(WORKOS_[A-Z_]+)\\b");

    private AuthKitFactory() {
    }

    /**
     * @param variables the {@code WORKOS_*} variables by name (Spring's environment: OS variables, system
     *                  properties, property files); null when unset
     */
    public static AuthKit create(AuthKitProperties p, Function<String, String> variables,
                                 List<AuthKitBuilderCustomizer> customizers) {
        try {
            AuthKit.Builder b = AuthKit.builder(AuthKitConfig.fromMap(variables(p, variables)))
                    .middlewareAuth(p.middlewareAuth())
                    .unauthenticatedPaths(p.unauthenticatedPaths().toArray(String[]::new))
                    .signUpPaths(p.signUpPaths().toArray(String[]::new))
                    .eagerAuth(p.eagerAuth())
                    .debug(p.debug())
                    .acceptBearerTokens(p.acceptBearerTokens())
                    .refreshGracePeriod(named("authkit.refresh-grace-period", p.refreshGracePeriod()))
                    .httpTimeout(named("authkit.http-timeout", p.httpTimeout()))
                    .allowedReturnOrigins(p.allowedReturnOrigins().toArray(String[]::new))
                    .routes(routes(p.routes()))
                    .callbackOptions(callback(p.callback()));
            if (p.refreshBuffer() != null) {
                b.refreshBuffer(named("authkit.refresh-buffer", p.refreshBuffer()));
            }
            customizers.forEach(c -> c.customize(b));
            return b.build();
        } catch (AuthKitConfigException e) {
            throw new AuthKitConfigException(withPropertyNames(e.getMessage()));
        }
    }

    private static Map<String, String> variables(AuthKitProperties p, Function<String, String> variables) {
        Map<String, String> vars = new HashMap<>();
        for (String name : PROPERTIES.keySet()) {
            String value = variables.apply(name);
            if (value != null) {
                vars.put(name, value);
            }
        }
        String redirect = variables.apply(AuthKitConfig.NEXT_PUBLIC_REDIRECT_URI);
        if (redirect != null) {
            vars.put(AuthKitConfig.NEXT_PUBLIC_REDIRECT_URI, redirect);
        }
        put(vars, AuthKitConfig.CLIENT_ID, p.clientId());
        put(vars, AuthKitConfig.API_KEY, p.apiKey());
        put(vars, AuthKitConfig.COOKIE_PASSWORD, p.cookiePassword());
        put(vars, AuthKitConfig.REDIRECT_URI, p.redirectUri());
        put(vars, AuthKitConfig.COOKIE_NAME, p.cookieName());
        put(vars, AuthKitConfig.COOKIE_DOMAIN, p.cookieDomain());
        put(vars, AuthKitConfig.COOKIE_MAX_AGE, p.cookieMaxAge() == null ? null : Long.toString(p.cookieMaxAge().toSeconds()));
        put(vars, AuthKitConfig.COOKIE_SAMESITE, p.cookieSameSite());
        put(vars, AuthKitConfig.API_HOSTNAME, p.apiHostname());
        put(vars, AuthKitConfig.API_HTTPS, p.apiHttps() == null ? null : p.apiHttps().toString());
        put(vars, AuthKitConfig.API_PORT, p.apiPort() == null ? null : p.apiPort().toString());
        return vars;
    }

    private static void put(Map<String, String> vars, String name, String value) {
        if (value != null && !value.isEmpty()) {
            vars.put(name, value);
        }
    }

    private static Routes routes(AuthKitProperties.Routes r) {
        return new Routes(r.callback(), path(r.signIn()), path(r.signUp()), path(r.signOut()), path(r.api()));
    }

    private static Optional<String> path(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static CallbackOptions callback(AuthKitProperties.Callback c) {
        CallbackOptions.Builder b = CallbackOptions.builder().returnPathname(c.returnPathname());
        if (c.baseUrl() != null && !c.baseUrl().isBlank()) {
            try {
                b.baseUrl(c.baseUrl().trim());
            } catch (AuthKitConfigException e) {
                throw new AuthKitConfigException("authkit.callback.base-url must be an absolute http(s) URL, got '"
                        + c.baseUrl() + "'");
            }
        }
        return b.build();
    }

    private static Duration named(String property, Duration value) {
        if (value.isNegative()) {
            throw new AuthKitConfigException(property + " must not be negative, got " + value);
        }
        return value;
    }

    /** {@code WORKOS_COOKIE_PASSWORD is not set} becomes {@code authkit.cookie-password (WORKOS_COOKIE_PASSWORD) is not set}. */
    static String withPropertyNames(String message) {
        Matcher m = VARIABLE.matcher(message == null ? "" : message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String property = PROPERTIES.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(property == null ? m.group(1) : property + " (" + m.group(1) + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
