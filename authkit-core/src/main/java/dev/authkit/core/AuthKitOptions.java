package dev.authkit.core;

import dev.authkit.core.internal.config.TextOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@link AuthKit.Builder} options written as text, parsed in one place for every adapter that
 * reads string key/value configuration: the servlet filter's {@code web.xml} init parameters, the
 * Spring starter's {@code authkit.*} properties, a properties file of your own.
 *
 * <pre>{@code
 * AuthKit authKit = AuthKitOptions.parse(Map.of("middlewareAuth", "true", "unauthenticatedPaths", "/, /public/:path*"))
 *         .applyTo(AuthKit.builder(AuthKitConfig.fromEnvironment()))
 *         .build();
 * }</pre>
 *
 * <p>Only the options present are applied, so an absent key keeps the builder's default. A blank
 * value counts as absent, except for a route, where it switches the route off. Options that are
 * code (callbacks, the clock, the WorkOS client, the sealer, a refresh coordination) stay on the
 * builder.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>key</th><th>value</th><th>default</th></tr>
 * <tr><td>{@code middlewareAuth}</td><td>{@code true}/{@code false}: protect every path not listed as public</td><td>false</td></tr>
 * <tr><td>{@code unauthenticatedPaths}</td><td>public path globs, separated by commas or white space,
 *     relative to the context path</td><td>none</td></tr>
 * <tr><td>{@code signUpPaths}</td><td>globs whose sign-in opens on the sign-up screen, as above</td><td>none</td></tr>
 * <tr><td>{@code redirectUri}</td><td>absolute http(s) URL overriding the configuration's</td><td>the configuration's</td></tr>
 * <tr><td>{@code eagerAuth}</td><td>{@code true}/{@code false}: set the {@code workos-access-token} cookie on page loads</td><td>false</td></tr>
 * <tr><td>{@code debug}</td><td>{@code true}/{@code false}: log decisions at INFO</td><td>false</td></tr>
 * <tr><td>{@code refreshBuffer}</td><td>duration: refresh this long before the access token expires</td>
 *     <td>adaptive: 60 s, or 30 s for tokens living five minutes or less</td></tr>
 * <tr><td>{@code refreshBufferSeconds}</td><td>the same in whole seconds (the servlet adapter's older name)</td><td>as above</td></tr>
 * <tr><td>{@code refreshGracePeriod}</td><td>duration a refreshed session still answers the old cookie</td><td>10 s</td></tr>
 * <tr><td>{@code httpTimeout}</td><td>positive duration: connect and read timeout of signing-key fetches</td><td>2 s</td></tr>
 * <tr><td>{@code allowedReturnOrigins}</td><td>origins ({@code https://app.example.com}) sign-out may also return to,
 *     separated by commas or white space</td><td>none</td></tr>
 * <tr><td>{@code inactivityTimeout}</td><td>positive duration: sign a session out once unused this long (coarse: within
 *     a minute); also the environment variable {@code AUTHKIT_INACTIVITY_TIMEOUT}</td><td>none</td></tr>
 * <tr><td>{@code absoluteTimeout}</td><td>positive duration: sign a session out this long after sign-in; also
 *     {@code AUTHKIT_ABSOLUTE_TIMEOUT}</td><td>none</td></tr>
 * <tr><td>{@code acceptBearerTokens}</td><td>{@code true}/{@code false}: accept {@code Authorization: Bearer} access tokens</td><td>false</td></tr>
 * <tr><td>{@code routes.callback}</td><td>{@code true}/{@code false}: answer the callback at the redirect URI's path</td><td>true</td></tr>
 * <tr><td>{@code routes.signIn}</td><td>path, blank for none</td><td>{@code /auth/sign-in}</td></tr>
 * <tr><td>{@code routes.signUp}</td><td>path, blank for none</td><td>{@code /auth/sign-up}</td></tr>
 * <tr><td>{@code routes.signOut}</td><td>path, blank for none</td><td>{@code /auth/sign-out}</td></tr>
 * <tr><td>{@code routes.api}</td><td>path prefix of the JSON API, blank for none</td><td>{@code /auth/api}</td></tr>
 * <tr><td>{@code routes.client}</td><td>path of the browser client ({@code .d.ts} beside it), blank for none</td>
 *     <td>{@code /auth/client.js}</td></tr>
 * <tr><td>{@code routes.webhooks}</td><td>path of the WorkOS webhook receiver (answered with {@code WORKOS_WEBHOOK_SECRET}
 *     set), blank for none</td><td>{@code /auth/webhooks/workos}</td></tr>
 * <tr><td>{@code callback.returnPathname}</td><td>path to land on after sign-in when the flow did not say</td><td>{@code /}</td></tr>
 * <tr><td>{@code callback.baseUrl}</td><td>absolute http(s) URL to redirect to after sign-in instead of the request's origin</td><td>none</td></tr>
 * <tr><td>{@code pathPolicy.allow}</td><td>{@link PathPolicy.Rule} names to relax ({@code SEMICOLON}, {@code encoded-slash}, ...),
 *     separated by commas or white space; know each one's risk first</td><td>none: {@link PathPolicy#strict()}</td></tr>
 * </table>
 *
 * <p>Environment variables fill the keys the options leave unset when the adapter hands them over
 * ({@link Parser#environment}): {@link #ENVIRONMENT} lists them.
 *
 * <p>Durations are written {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1d} or in ISO-8601
 * ({@code PT30S}); a bare number is refused, because seconds and milliseconds are both plausible.
 *
 * <p>An unknown key is an {@link AuthKitConfigException} naming it and listing the known ones (a
 * typo must not silently leave routes unprotected); a bad value is one naming the key, the value
 * and the form expected. Immutable and thread-safe.
 */
public final class AuthKitOptions {
    /** Every key, in the order of the table. */
    private static final List<String> KEYS = List.of("middlewareAuth", "unauthenticatedPaths", "signUpPaths", "redirectUri",
            "eagerAuth", "debug", "refreshBuffer", "refreshBufferSeconds", "refreshGracePeriod", "httpTimeout",
            "allowedReturnOrigins", "inactivityTimeout", "absoluteTimeout", "acceptBearerTokens", "routes.callback",
            "routes.signIn", "routes.signUp", "routes.signOut", "routes.api", "routes.client", "routes.webhooks",
            "callback.returnPathname", "callback.baseUrl", "pathPolicy.allow");
    /** The environment variables that stand for keys: {@code AUTHKIT_INACTIVITY_TIMEOUT} for {@code inactivityTimeout}, ... */
    public static final Map<String, String> ENVIRONMENT = Map.of("AUTHKIT_INACTIVITY_TIMEOUT", "inactivityTimeout",
            "AUTHKIT_ABSOLUTE_TIMEOUT", "absoluteTimeout");
    private static final String PATH_OR_BLANK = "a path starting with /, or blank for none";

    private final Map<String, String> values;
    private final TextOptions text;

    private AuthKitOptions(Map<String, String> values, Function<String, String> nameOf) {
        this.values = values;
        this.text = new TextOptions(values, nameOf);
    }

    /** The keys this class understands, sorted. */
    public static Set<String> keys() {
        return Collections.unmodifiableSet(new TreeSet<>(KEYS));
    }

    /**
     * Parses {@code options}; see the class documentation.
     *
     * @throws AuthKitConfigException for an unknown key or a bad value, naming the key
     */
    public static AuthKitOptions parse(Map<String, String> options) {
        return parser().parse(options);
    }

    /** A parser for adapters that read some keys themselves or name keys their own way. */
    public static Parser parser() {
        return new Parser();
    }

    /** How an adapter parses: which keys it reads itself, how messages name a key, which environment it reads. */
    public static final class Parser {
        private final Set<String> adapterKeys = new TreeSet<>();
        private Function<String, String> nameOf = key -> key;
        private Map<String, String> environment = Map.of();

        private Parser() {
        }

        /**
         * Keys the adapter reads itself ({@code trustForwardedHeaders}, ...): skipped here, and
         * listed among the known keys when another key is unknown.
         */
        public Parser adapterKeys(String... keys) {
            adapterKeys.addAll(List.of(keys));
            return this;
        }

        /**
         * How messages name a key, for adapters whose users write other names (the Spring starter
         * says {@code authkit.refresh-buffer} for {@code refreshBuffer}); default the key itself.
         */
        public Parser naming(Function<String, String> nameOf) {
            this.nameOf = Objects.requireNonNull(nameOf, "nameOf");
            return this;
        }

        /**
         * Variables ({@code System.getenv()}, or init parameters of the same names) whose
         * {@link #ENVIRONMENT} entries fill the keys the options leave unset or blank; a message
         * about such a value names the variable. Default none (adapters with their own binding of
         * the environment, like Spring's, leave it).
         */
        public Parser environment(Map<String, String> variables) {
            this.environment = Map.copyOf(Objects.requireNonNull(variables, "variables").entrySet().stream()
                    .filter(e -> ENVIRONMENT.containsKey(e.getKey()) && e.getValue() != null && !e.getValue().isBlank())
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            return this;
        }

        /**
         * Reads {@code options} and checks every value now, so a bad one fails at start-up, not on
         * the first request.
         *
         * @throws AuthKitConfigException for an unknown key or a bad value
         */
        public AuthKitOptions parse(Map<String, String> options) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(options).entrySet()) {
                String key = e.getKey();
                if (adapterKeys.contains(key)) {
                    continue;
                }
                if (!KEYS.contains(key)) {
                    Set<String> known = new TreeSet<>(KEYS);
                    known.addAll(adapterKeys);
                    throw new AuthKitConfigException("unknown option '" + nameOf.apply(key) + "'; known: "
                            + String.join(", ", known.stream().map(nameOf).toList()));
                }
                values.put(key, e.getValue() == null ? "" : e.getValue().trim());
            }
            Map<String, String> fromEnvironment = new java.util.HashMap<>();
            environment.forEach((variable, value) -> {
                String key = ENVIRONMENT.get(variable);
                if (values.getOrDefault(key, "").isEmpty()) {
                    values.put(key, value.trim());
                    fromEnvironment.put(key, variable);
                }
            });
            Function<String, String> naming = nameOf;
            AuthKitOptions parsed = new AuthKitOptions(Collections.unmodifiableMap(values),
                    key -> fromEnvironment.getOrDefault(key, naming.apply(key)));
            parsed.check();
            return parsed;
        }
    }

    /**
     * Sets every option present on {@code builder} and returns it, for more options in code or
     * {@code build()}.
     *
     * @throws AuthKitConfigException for a value the builder refuses, naming the key
     */
    public AuthKit.Builder applyTo(AuthKit.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        text.bool("middlewareAuth").ifPresent(builder::middlewareAuth);
        builder.unauthenticatedPaths(text.list("unauthenticatedPaths").toArray(String[]::new));
        builder.signUpPaths(text.list("signUpPaths").toArray(String[]::new));
        text.text("redirectUri").ifPresent(v -> text.named("redirectUri", "an absolute http or https URL", () -> builder.redirectUri(v)));
        text.bool("eagerAuth").ifPresent(builder::eagerAuth);
        text.bool("debug").ifPresent(builder::debug);
        refreshBuffer().ifPresent(d -> text.named("refreshBuffer", "a duration that is not negative", () -> builder.refreshBuffer(d)));
        text.duration("refreshGracePeriod").ifPresent(d -> text.named("refreshGracePeriod", "a duration that is not negative",
                () -> builder.refreshGracePeriod(d)));
        text.duration("httpTimeout").ifPresent(d -> text.named("httpTimeout", "a positive duration", () -> builder.httpTimeout(d)));
        List<String> origins = text.list("allowedReturnOrigins");
        if (!origins.isEmpty()) {
            text.named("allowedReturnOrigins", "origins such as https://app.example.com",
                    () -> builder.allowedReturnOrigins(origins.toArray(String[]::new)));
        }
        inactivityTimeout().ifPresent(builder::inactivityTimeout);
        absoluteTimeout().ifPresent(builder::absoluteTimeout);
        text.bool("acceptBearerTokens").ifPresent(builder::acceptBearerTokens);
        routes().ifPresent(builder::routes);
        callbackOptions().ifPresent(builder::callbackOptions);
        pathPolicy().ifPresent(builder::pathPolicy);
        return builder;
    }

    /**
     * Parses every value once, so {@link Parser#parse} fails on a bad one; URLs and origins are
     * checked by the builder itself in {@link #applyTo} (one validator for code and text).
     */
    private void check() {
        for (String key : List.of("middlewareAuth", "eagerAuth", "debug", "acceptBearerTokens", "routes.callback")) {
            text.bool(key);
        }
        if (!values.getOrDefault("refreshBuffer", "").isEmpty() && !values.getOrDefault("refreshBufferSeconds", "").isEmpty()) {
            throw new AuthKitConfigException("set " + text.nameOf("refreshBuffer") + " or " + text.nameOf("refreshBufferSeconds")
                    + ", not both");
        }
        refreshBuffer();
        text.duration("refreshGracePeriod");
        text.duration("httpTimeout");
        inactivityTimeout();
        absoluteTimeout();
        routes();
        callbackOptions();
        pathPolicy();
    }

    private Optional<Duration> refreshBuffer() {
        Optional<Duration> buffer = text.duration("refreshBuffer");
        return buffer.isPresent() ? buffer : text.seconds("refreshBufferSeconds");
    }

    private Optional<Duration> inactivityTimeout() {
        return positive("inactivityTimeout");
    }

    private Optional<Duration> absoluteTimeout() {
        return positive("absoluteTimeout");
    }

    private Optional<Duration> positive(String key) {
        Optional<Duration> d = text.duration(key);
        if (d.isPresent() && (d.get().isNegative() || d.get().isZero())) {
            throw text.bad(key, values.get(key), "a positive duration such as 30m or 12h");
        }
        return d;
    }

    private Optional<Routes> routes() {
        if (values.keySet().stream().noneMatch(k -> k.startsWith("routes."))) {
            return Optional.empty();
        }
        Routes r = Routes.defaults();
        boolean callback = text.bool("routes.callback").orElse(true);
        r = new Routes(callback, route("routes.signIn", r.signIn()), route("routes.signUp", r.signUp()),
                route("routes.signOut", r.signOut()), route("routes.api", r.api()), r.client(), r.clientTypes(),
                route("routes.webhooks", r.webhooks()));
        if (values.containsKey("routes.client")) {
            String client = values.get("routes.client");
            Routes base = r;
            r = client.isEmpty() ? r.withoutClient() : text.named("routes.client", PATH_OR_BLANK, () -> base.withClient(client));
        }
        return Optional.of(r);
    }

    /** The route's path: the default when the key is absent, none when blank, else the path given (checked). */
    private Optional<String> route(String key, Optional<String> defaultPath) {
        if (!values.containsKey(key)) {
            return defaultPath;
        }
        String v = values.get(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return text.named(key, PATH_OR_BLANK, () -> Routes.none().withSignIn(v).signIn());
    }

    private Optional<CallbackOptions> callbackOptions() {
        Optional<String> returnPathname = text.text("callback.returnPathname");
        Optional<String> baseUrl = text.text("callback.baseUrl");
        if (returnPathname.isEmpty() && baseUrl.isEmpty()) {
            return Optional.empty();
        }
        CallbackOptions.Builder b = CallbackOptions.builder();
        returnPathname.ifPresent(p -> {
            if (!p.startsWith("/")) {
                throw text.bad("callback.returnPathname", p, "a path starting with /");
            }
            b.returnPathname(p);
        });
        baseUrl.ifPresent(u -> text.named("callback.baseUrl", "an absolute http or https URL", () -> b.baseUrl(u)));
        return Optional.of(b.build());
    }

    private Optional<PathPolicy> pathPolicy() {
        List<String> names = text.list("pathPolicy.allow");
        if (names.isEmpty()) {
            return Optional.empty();
        }
        PathPolicy.Builder b = PathPolicy.builder();
        for (String name : names) {
            String constant = name.toUpperCase(Locale.ROOT).replace('-', '_');
            PathPolicy.Rule rule = Arrays.stream(PathPolicy.Rule.values()).filter(r -> r.name().equals(constant)).findFirst()
                    .orElseThrow(() -> text.bad("pathPolicy.allow", name, "rule names among "
                            + String.join(", ", Arrays.stream(PathPolicy.Rule.values()).map(Enum::name).toList())));
            b.allow(rule);
        }
        return Optional.of(b.build());
    }
}
