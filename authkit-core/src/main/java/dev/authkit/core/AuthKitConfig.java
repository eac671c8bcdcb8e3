package dev.authkit.core;

import dev.authkit.core.internal.config.ConfigChecks;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The settings of one WorkOS AuthKit application: who we are to WorkOS, where WorkOS is, and how
 * the session cookie is written. Immutable and validated when built; an invalid setting fails at
 * once with an {@link AuthKitConfigException} that names it.
 *
 * <p>The environment variables and their defaults are those of authkit-nextjs, so one set of
 * variables configures a Next.js app and a Java service on the same cookie domain:
 *
 * <table>
 * <caption>Variables</caption>
 * <tr><th>variable</th><th>default</th></tr>
 * <tr><td>{@code WORKOS_CLIENT_ID}</td><td>required</td></tr>
 * <tr><td>{@code WORKOS_API_KEY}</td><td>required</td></tr>
 * <tr><td>{@code WORKOS_COOKIE_PASSWORD}</td><td>required, at least 32 characters</td></tr>
 * <tr><td>{@code WORKOS_REDIRECT_URI} (or {@code NEXT_PUBLIC_WORKOS_REDIRECT_URI})</td><td>required</td></tr>
 * <tr><td>{@code WORKOS_COOKIE_MAX_AGE}</td><td>34560000 seconds (400 days)</td></tr>
 * <tr><td>{@code WORKOS_COOKIE_DOMAIN}</td><td>none (host-only cookie)</td></tr>
 * <tr><td>{@code WORKOS_COOKIE_NAME}</td><td>{@code wos-session}</td></tr>
 * <tr><td>{@code WORKOS_COOKIE_SAMESITE}</td><td>{@code lax}; {@code none} forces {@code Secure}</td></tr>
 * <tr><td>{@code WORKOS_API_HOSTNAME}</td><td>{@code api.workos.com}</td></tr>
 * <tr><td>{@code WORKOS_API_HTTPS}</td><td>{@code true}</td></tr>
 * <tr><td>{@code WORKOS_API_PORT}</td><td>none (the scheme's default port)</td></tr>
 * <tr><td>{@code WORKOS_WEBHOOK_SECRET}</td><td>none (the webhook route answers 404)</td></tr>
 * </table>
 *
 * <p>An empty variable counts as unset, as in authkit-nextjs. {@link #toString()} never shows the
 * API key or the cookie password.
 */
public final class AuthKitConfig {
    public static final String CLIENT_ID = "WORKOS_CLIENT_ID";
    public static final String API_KEY = "WORKOS_API_KEY";
    public static final String COOKIE_PASSWORD = "WORKOS_COOKIE_PASSWORD";
    public static final String REDIRECT_URI = "WORKOS_REDIRECT_URI";
    /** The name authkit-nextjs reads the redirect URI from; used when {@link #REDIRECT_URI} is unset. */
    public static final String NEXT_PUBLIC_REDIRECT_URI = "NEXT_PUBLIC_WORKOS_REDIRECT_URI";
    public static final String COOKIE_MAX_AGE = "WORKOS_COOKIE_MAX_AGE";
    public static final String COOKIE_DOMAIN = "WORKOS_COOKIE_DOMAIN";
    public static final String COOKIE_NAME = "WORKOS_COOKIE_NAME";
    public static final String COOKIE_SAMESITE = "WORKOS_COOKIE_SAMESITE";
    public static final String API_HOSTNAME = "WORKOS_API_HOSTNAME";
    public static final String API_HTTPS = "WORKOS_API_HTTPS";
    public static final String API_PORT = "WORKOS_API_PORT";
    public static final String WEBHOOK_SECRET = "WORKOS_WEBHOOK_SECRET";

    /** 400 days, the longest lifetime browsers accept for a cookie. */
    public static final Duration DEFAULT_COOKIE_MAX_AGE = Duration.ofSeconds(34_560_000L);
    public static final String DEFAULT_COOKIE_NAME = "wos-session";
    public static final String DEFAULT_API_HOSTNAME = "api.workos.com";
    /** Iron refuses shorter passwords, and so do we. */
    public static final int MIN_COOKIE_PASSWORD_LENGTH = 32;

    private final String clientId;
    private final String apiKey;
    private final String cookiePassword;
    private final URI redirectUri;
    private final Duration cookieMaxAge;
    private final String cookieDomain;
    private final String cookieName;
    private final SameSite cookieSameSite;
    private final String apiHostname;
    private final boolean apiHttps;
    private final Integer apiPort;
    private final URI apiBaseUrl;
    private final String webhookSecret;

    private AuthKitConfig(Builder b) {
        this.clientId = ConfigChecks.required(b.clientId, CLIENT_ID, "the client ID of your WorkOS environment (client_...)");
        this.apiKey = ConfigChecks.required(b.apiKey, API_KEY, "the API key of your WorkOS environment (sk_...)");
        this.cookiePassword = ConfigChecks.required(b.cookiePassword, COOKIE_PASSWORD,
                "a random secret of at least " + MIN_COOKIE_PASSWORD_LENGTH + " characters");
        ConfigChecks.check(cookiePassword.length() >= MIN_COOKIE_PASSWORD_LENGTH, COOKIE_PASSWORD + " is shorter than "
                + MIN_COOKIE_PASSWORD_LENGTH + " characters: use a random secret of at least " + MIN_COOKIE_PASSWORD_LENGTH
                + " characters (for example `openssl rand -base64 32`).");
        this.redirectUri = ConfigChecks.redirectUri(ConfigChecks.required(b.redirectUri, REDIRECT_URI,
                "the absolute URL of your sign-in callback, for example http://localhost:8080/callback"), REDIRECT_URI);
        this.cookieMaxAge = Objects.requireNonNull(b.cookieMaxAge, "cookieMaxAge");
        ConfigChecks.check(!cookieMaxAge.isNegative() && !cookieMaxAge.isZero() && cookieMaxAge.getNano() == 0,
                COOKIE_MAX_AGE + " must be a positive whole number of seconds, got " + cookieMaxAge.toMillis() / 1000.0 + " s.");
        this.cookieDomain = ConfigChecks.cookieDomain(b.cookieDomain, COOKIE_DOMAIN);
        this.cookieName = ConfigChecks.cookieName(b.cookieName == null || b.cookieName.isEmpty() ? DEFAULT_COOKIE_NAME : b.cookieName,
                COOKIE_NAME);
        this.cookieSameSite = Objects.requireNonNull(b.cookieSameSite, "cookieSameSite");
        this.apiHostname = ConfigChecks.apiHostname(b.apiHostname == null || b.apiHostname.isEmpty() ? DEFAULT_API_HOSTNAME
                : b.apiHostname, API_HOSTNAME, API_HTTPS, API_PORT);
        this.apiHttps = b.apiHttps;
        ConfigChecks.check(b.apiPort == null || (b.apiPort >= 1 && b.apiPort <= 65_535),
                API_PORT + " must be a port number from 1 to 65535, got " + b.apiPort + ".");
        this.apiPort = b.apiPort;
        this.webhookSecret = ConfigChecks.webhookSecret(b.webhookSecret, WEBHOOK_SECRET);
        this.apiBaseUrl = URI.create((apiHttps ? "https" : "http") + "://" + apiHostname
                + (apiPort == null ? "" : ":" + apiPort));
    }

    /** Reads the {@code WORKOS_*} environment variables of this process. */
    public static AuthKitConfig fromEnvironment() {
        return fromMap(System.getenv());
    }

    /**
     * Reads the same variable names as {@link #fromEnvironment()} from a map (a property file,
     * a test). Other keys are ignored; empty values count as unset.
     */
    public static AuthKitConfig fromMap(Map<String, String> vars) {
        Objects.requireNonNull(vars, "vars");
        Builder b = builder()
                .clientId(ConfigChecks.value(vars, CLIENT_ID))
                .apiKey(ConfigChecks.value(vars, API_KEY))
                .cookiePassword(ConfigChecks.value(vars, COOKIE_PASSWORD))
                .cookieDomain(ConfigChecks.value(vars, COOKIE_DOMAIN))
                .cookieName(ConfigChecks.value(vars, COOKIE_NAME))
                .apiHostname(ConfigChecks.value(vars, API_HOSTNAME));
        String redirect = ConfigChecks.value(vars, REDIRECT_URI);
        b.redirectUri(redirect != null ? redirect : ConfigChecks.value(vars, NEXT_PUBLIC_REDIRECT_URI));
        String maxAge = ConfigChecks.value(vars, COOKIE_MAX_AGE);
        if (maxAge != null) {
            b.cookieMaxAge(Duration.ofSeconds(ConfigChecks.parseLong(maxAge, COOKIE_MAX_AGE, "a whole number of seconds")));
        }
        String sameSite = ConfigChecks.value(vars, COOKIE_SAMESITE);
        b.cookieSameSite = sameSite == null ? b.cookieSameSite : SameSite.parse(sameSite).orElseThrow(() -> new AuthKitConfigException(
                COOKIE_SAMESITE + " must be lax, strict or none (any case), got " + ConfigChecks.quote(sameSite) + "."));
        String https = ConfigChecks.value(vars, API_HTTPS);
        b.apiHttps = https == null ? b.apiHttps : ConfigChecks.parseBoolean(https, API_HTTPS);
        b.apiPort = ConfigChecks.port(ConfigChecks.value(vars, API_PORT), API_PORT);
        return b.webhookSecret(ConfigChecks.value(vars, WEBHOOK_SECRET)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.clientId = clientId;
        b.apiKey = apiKey;
        b.cookiePassword = cookiePassword;
        b.redirectUri = redirectUri.toString();
        b.cookieMaxAge = cookieMaxAge;
        b.cookieDomain = cookieDomain;
        b.cookieName = cookieName;
        b.cookieSameSite = cookieSameSite;
        b.apiHostname = apiHostname;
        b.apiHttps = apiHttps;
        b.apiPort = apiPort;
        b.webhookSecret = webhookSecret;
        return b;
    }

    public String clientId() {
        return clientId;
    }

    /** The WorkOS API key; a secret, sent as the client secret when exchanging codes and refresh tokens. */
    public String apiKey() {
        return apiKey;
    }

    /** The password that seals the session cookie; a secret. */
    public String cookiePassword() {
        return cookiePassword;
    }

    /** The absolute callback URL registered with WorkOS. */
    public URI redirectUri() {
        return redirectUri;
    }

    /** {@code Max-Age} of the session cookie; default 400 days. */
    public Duration cookieMaxAge() {
        return cookieMaxAge;
    }

    /** {@code Domain} of the session cookie; empty for a host-only cookie (the default). */
    public Optional<String> cookieDomain() {
        return Optional.ofNullable(cookieDomain);
    }

    /** Name of the session cookie; default {@code wos-session}. */
    public String cookieName() {
        return cookieName;
    }

    public SameSite cookieSameSite() {
        return cookieSameSite;
    }

    /** True when every cookie must be {@code Secure} whatever the request scheme ({@code SameSite=None}). */
    public boolean cookieSecureForced() {
        return cookieSameSite == SameSite.NONE;
    }

    public String apiHostname() {
        return apiHostname;
    }

    public boolean apiHttps() {
        return apiHttps;
    }

    public OptionalInt apiPort() {
        return apiPort == null ? OptionalInt.empty() : OptionalInt.of(apiPort);
    }

    /**
     * {@code scheme://host[:port]} of the WorkOS API, derived once from the hostname, HTTPS flag
     * and port; the WorkOS SDK client, the JWKS URL and the hosted pages all start here.
     */
    public URI apiBaseUrl() {
        return apiBaseUrl;
    }

    /** The secret WorkOS signs webhooks with ({@code WORKOS_WEBHOOK_SECRET}); empty: no webhook route. */
    public Optional<String> webhookSecret() {
        return Optional.ofNullable(webhookSecret);
    }

    @Override
    public String toString() {
        return "AuthKitConfig{clientId=" + clientId
                + ", apiKey=" + ConfigChecks.mask(apiKey)
                + ", cookiePassword=" + ConfigChecks.mask(cookiePassword)
                + ", redirectUri=" + redirectUri
                + ", cookieMaxAge=" + cookieMaxAge.getSeconds() + "s"
                + ", cookieDomain=" + (cookieDomain == null ? "(host-only)" : cookieDomain)
                + ", cookieName=" + cookieName
                + ", cookieSameSite=" + cookieSameSite.attributeValue()
                + ", apiBaseUrl=" + apiBaseUrl + (webhookSecret == null ? "" : ", webhookSecret=" + ConfigChecks.mask(webhookSecret)) + "}";
    }

    /** Builds an {@link AuthKitConfig}; {@link #build()} validates. Defaults as in the class comment. */
    public static final class Builder {
        private String clientId;
        private String apiKey;
        private String cookiePassword;
        private String redirectUri;
        private Duration cookieMaxAge = DEFAULT_COOKIE_MAX_AGE;
        private String cookieDomain;
        private String cookieName = DEFAULT_COOKIE_NAME;
        private SameSite cookieSameSite = SameSite.LAX;
        private String apiHostname = DEFAULT_API_HOSTNAME;
        private boolean apiHttps = true;
        private Integer apiPort;
        private String webhookSecret;

        private Builder() {
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder cookiePassword(String cookiePassword) {
            this.cookiePassword = cookiePassword;
            return this;
        }

        public Builder redirectUri(String redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        public Builder redirectUri(URI redirectUri) {
            this.redirectUri = redirectUri == null ? null : redirectUri.toString();
            return this;
        }

        public Builder cookieMaxAge(Duration cookieMaxAge) {
            this.cookieMaxAge = Objects.requireNonNull(cookieMaxAge, "cookieMaxAge");
            return this;
        }

        /** {@code null} or empty for a host-only cookie. */
        public Builder cookieDomain(String cookieDomain) {
            this.cookieDomain = cookieDomain;
            return this;
        }

        /** {@code null} or empty for the default {@code wos-session}. */
        public Builder cookieName(String cookieName) {
            this.cookieName = cookieName;
            return this;
        }

        public Builder cookieSameSite(SameSite cookieSameSite) {
            this.cookieSameSite = Objects.requireNonNull(cookieSameSite, "cookieSameSite");
            return this;
        }

        /** {@code null} or empty for the default {@code api.workos.com}. */
        public Builder apiHostname(String apiHostname) {
            this.apiHostname = apiHostname;
            return this;
        }

        public Builder apiHttps(boolean apiHttps) {
            this.apiHttps = apiHttps;
            return this;
        }

        public Builder apiPort(int apiPort) {
            this.apiPort = apiPort;
            return this;
        }

        /** The webhook secret from the WorkOS dashboard; {@code null} or empty: none. */
        public Builder webhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
            return this;
        }

        /** Back to the scheme's default port. */
        public Builder clearApiPort() {
            this.apiPort = null;
            return this;
        }

        /**
         * Sets hostname, HTTPS flag and port at once from a base URL such as
         * {@code http://127.0.0.1:41234} (what {@code FakeWorkOS.baseUrl()} returns).
         */
        public Builder apiBaseUrl(String baseUrl) {
            URI uri = ConfigChecks.apiBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
            this.apiHttps = uri.getScheme().equalsIgnoreCase("https");
            this.apiHostname = uri.getHost();
            this.apiPort = uri.getPort() == -1 ? null : uri.getPort();
            return this;
        }

        /** Validates and builds; throws {@link AuthKitConfigException} naming the first bad setting. */
        public AuthKitConfig build() {
            return new AuthKitConfig(this);
        }
    }
}
