package dev.authkit.spring.internal;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitConfigException;
import dev.authkit.core.AuthKitOptions;
import dev.authkit.spring.AuthKitBuilderCustomizer;
import dev.authkit.spring.AuthKitProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the auto-configured {@link AuthKit}: the {@code WORKOS_*} variables, overridden by the
 * {@code authkit.*} properties that are set, then the builder options (through
 * {@link AuthKitOptions}, the parser the servlet filter's {@code web.xml} uses too), then the customizers. A bad
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
        PROPERTIES.put(AuthKitConfig.WEBHOOK_SECRET, "authkit.webhook-secret");
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
            AuthKitOptions options = AuthKitOptions.parser().naming(AuthKitFactory::propertyName).parse(options(p));
            AuthKit.Builder b = options.applyTo(AuthKit.builder(AuthKitConfig.fromMap(variables(p, variables))));
            customizers.forEach(c -> c.customize(b));
            return b.build();
        } catch (AuthKitConfigException e) {
            throw new AuthKitConfigException(withPropertyNames(e.getMessage()));
        }
    }

    /**
     * The builder options among the properties, as {@link AuthKitOptions} keys: Spring has bound
     * and typed them already, so they are written back as text ({@link Duration} in ISO-8601,
     * lists comma-separated) for the one parser every adapter shares.
     */
    static Map<String, String> options(AuthKitProperties p) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("middlewareAuth", Boolean.toString(p.middlewareAuth()));
        o.put("unauthenticatedPaths", String.join(",", p.unauthenticatedPaths()));
        o.put("signUpPaths", String.join(",", p.signUpPaths()));
        o.put("eagerAuth", Boolean.toString(p.eagerAuth()));
        o.put("debug", Boolean.toString(p.debug()));
        o.put("acceptBearerTokens", Boolean.toString(p.acceptBearerTokens()));
        o.put("refreshBuffer", p.refreshBuffer() == null ? "" : p.refreshBuffer().toString());
        o.put("refreshGracePeriod", p.refreshGracePeriod().toString());
        o.put("httpTimeout", p.httpTimeout().toString());
        o.put("allowedReturnOrigins", String.join(",", p.allowedReturnOrigins()));
        o.put("inactivityTimeout", p.inactivityTimeout() == null ? "" : p.inactivityTimeout().toString());
        o.put("absoluteTimeout", p.absoluteTimeout() == null ? "" : p.absoluteTimeout().toString());
        AuthKitProperties.Routes r = p.routes();
        o.put("routes.callback", Boolean.toString(r.callback()));
        o.put("routes.signIn", blankIfNull(r.signIn()));
        o.put("routes.signUp", blankIfNull(r.signUp()));
        o.put("routes.signOut", blankIfNull(r.signOut()));
        o.put("routes.api", blankIfNull(r.api()));
        o.put("routes.client", blankIfNull(r.client()));
        o.put("routes.webhooks", blankIfNull(r.webhooks()));
        o.put("callback.returnPathname", blankIfNull(p.callback().returnPathname()));
        o.put("callback.baseUrl", blankIfNull(p.callback().baseUrl()));
        o.put("pathPolicy.allow", String.join(",", p.pathPolicy().allow()));
        return o;
    }

    private static String blankIfNull(String value) {
        return value == null ? "" : value.trim();
    }

    /** The Spring property of an {@link AuthKitOptions} key: {@code routes.signIn} is {@code authkit.routes.sign-in}. */
    static String propertyName(String key) {
        return "authkit." + KEBAB.matcher(key).replaceAll("$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static final Pattern KEBAB = Pattern.compile("([a-z0-9])([A-Z])");

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
        put(vars, AuthKitConfig.WEBHOOK_SECRET, p.webhookSecret());
        return vars;
    }

    private static void put(Map<String, String> vars, String name, String value) {
        if (value != null && !value.isEmpty()) {
            vars.put(name, value);
        }
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
