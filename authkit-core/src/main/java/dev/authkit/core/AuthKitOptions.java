package dev.authkit.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * <tr><td>{@code acceptBearerTokens}</td><td>{@code true}/{@code false}: accept {@code Authorization: Bearer} access tokens</td><td>false</td></tr>
 * <tr><td>{@code routes.callback}</td><td>{@code true}/{@code false}: answer the callback at the redirect URI's path</td><td>true</td></tr>
 * <tr><td>{@code routes.signIn}</td><td>path, blank for none</td><td>{@code /auth/sign-in}</td></tr>
 * <tr><td>{@code routes.signUp}</td><td>path, blank for none</td><td>{@code /auth/sign-up}</td></tr>
 * <tr><td>{@code routes.signOut}</td><td>path, blank for none</td><td>{@code /auth/sign-out}</td></tr>
 * <tr><td>{@code routes.api}</td><td>path prefix of the JSON API, blank for none</td><td>{@code /auth/api}</td></tr>
 * <tr><td>{@code routes.client}</td><td>path of the browser client ({@code .d.ts} beside it), blank for none</td>
 *     <td>{@code /auth/client.js}</td></tr>
 * <tr><td>{@code callback.returnPathname}</td><td>path to land on after sign-in when the flow did not say</td><td>{@code /}</td></tr>
 * <tr><td>{@code callback.baseUrl}</td><td>absolute http(s) URL to redirect to after sign-in instead of the request's origin</td><td>none</td></tr>
 * <tr><td>{@code pathPolicy.allow}</td><td>{@link PathPolicy.Rule} names to relax ({@code SEMICOLON}, {@code encoded-slash}, ...),
 *     separated by commas or white space; know each one's risk first</td><td>none: {@link PathPolicy#strict()}</td></tr>
 * </table>
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
            "allowedReturnOrigins", "acceptBearerTokens", "routes.callback", "routes.signIn", "routes.signUp", "routes.signOut",
            "routes.api", "routes.client", "callback.returnPathname", "callback.baseUrl", "pathPolicy.allow");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final String DURATION_FORM = "a duration such as 30s, 500ms, 2m, 1h or PT30S";

    private final Map<String, String> values;
    private final Function<String, String> nameOf;

    private AuthKitOptions(Map<String, String> values, Function<String, String> nameOf) {
        this.values = values;
        this.nameOf = nameOf;
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

    /** How an adapter parses: which keys it reads itself, how messages name a key. */
    public static final class Parser {
        private final Set<String> adapterKeys = new TreeSet<>();
        private Function<String, String> nameOf = key -> key;

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
            AuthKitOptions parsed = new AuthKitOptions(Collections.unmodifiableMap(values), nameOf);
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
        bool("middlewareAuth").ifPresent(builder::middlewareAuth);
        builder.unauthenticatedPaths(list("unauthenticatedPaths").toArray(String[]::new));
        builder.signUpPaths(list("signUpPaths").toArray(String[]::new));
        text("redirectUri").ifPresent(v -> named("redirectUri", "an absolute http or https URL", () -> builder.redirectUri(v)));
        bool("eagerAuth").ifPresent(builder::eagerAuth);
        bool("debug").ifPresent(builder::debug);
        refreshBuffer().ifPresent(d -> named("refreshBuffer", "a duration that is not negative", () -> builder.refreshBuffer(d)));
        duration("refreshGracePeriod").ifPresent(d -> named("refreshGracePeriod", "a duration that is not negative",
                () -> builder.refreshGracePeriod(d)));
        duration("httpTimeout").ifPresent(d -> named("httpTimeout", "a positive duration", () -> builder.httpTimeout(d)));
        List<String> origins = list("allowedReturnOrigins");
        if (!origins.isEmpty()) {
            named("allowedReturnOrigins", "origins such as https://app.example.com",
                    () -> builder.allowedReturnOrigins(origins.toArray(String[]::new)));
        }
        bool("acceptBearerTokens").ifPresent(builder::acceptBearerTokens);
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
            bool(key);
        }
        if (values.containsKey("refreshBuffer") && values.containsKey("refreshBufferSeconds")
                && !values.get("refreshBuffer").isEmpty() && !values.get("refreshBufferSeconds").isEmpty()) {
            throw new AuthKitConfigException("set " + nameOf.apply("refreshBuffer") + " or " + nameOf.apply("refreshBufferSeconds")
                    + ", not both");
        }
        refreshBuffer();
        duration("refreshGracePeriod");
        duration("httpTimeout");
        routes();
        callbackOptions();
        pathPolicy();
    }

    private Optional<String> text(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private Optional<Boolean> bool(String key) {
        return text(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, v, "true or false");
        });
    }

    private List<String> list(String key) {
        return text(key).map(v -> Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    private Optional<Duration> duration(String key) {
        return text(key).map(v -> {
            Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                throw bad(key, v, DURATION_FORM);
            }
        });
    }

    private Optional<Duration> refreshBuffer() {
        Optional<Duration> buffer = duration("refreshBuffer");
        if (buffer.isPresent()) {
            return buffer;
        }
        return text("refreshBufferSeconds").map(v -> {
            try {
                long seconds = Long.parseLong(v);
                if (seconds < 0) {
                    throw bad("refreshBufferSeconds", v, "a whole number of seconds, 0 or more");
                }
                return Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw bad("refreshBufferSeconds", v, "a whole number of seconds, 0 or more");
            }
        });
    }

    private Optional<Routes> routes() {
        if (values.keySet().stream().noneMatch(k -> k.startsWith("routes."))) {
            return Optional.empty();
        }
        Routes r = Routes.defaults();
        boolean callback = bool("routes.callback").orElse(true);
        r = new Routes(callback, route("routes.signIn", r.signIn()), route("routes.signUp", r.signUp()),
                route("routes.signOut", r.signOut()), route("routes.api", r.api()), r.client(), r.clientTypes());
        if (values.containsKey("routes.client")) {
            String client = values.get("routes.client");
            Routes base = r;
            r = client.isEmpty() ? r.withoutClient() : named("routes.client", "a path starting with /, or blank for none",
                    () -> base.withClient(client));
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
        return named(key, "a path starting with /, or blank for none",
                () -> Routes.none().withSignIn(v).signIn());
    }

    private Optional<CallbackOptions> callbackOptions() {
        Optional<String> returnPathname = text("callback.returnPathname");
        Optional<String> baseUrl = text("callback.baseUrl");
        if (returnPathname.isEmpty() && baseUrl.isEmpty()) {
            return Optional.empty();
        }
        CallbackOptions.Builder b = CallbackOptions.builder();
        returnPathname.ifPresent(p -> {
            if (!p.startsWith("/")) {
                throw bad("callback.returnPathname", p, "a path starting with /");
            }
            b.returnPathname(p);
        });
        baseUrl.ifPresent(u -> named("callback.baseUrl", "an absolute http or https URL", () -> b.baseUrl(u)));
        return Optional.of(b.build());
    }

    private Optional<PathPolicy> pathPolicy() {
        List<String> names = list("pathPolicy.allow");
        if (names.isEmpty()) {
            return Optional.empty();
        }
        PathPolicy.Builder b = PathPolicy.builder();
        for (String name : names) {
            String constant = name.toUpperCase(Locale.ROOT).replace('-', '_');
            PathPolicy.Rule rule = Arrays.stream(PathPolicy.Rule.values()).filter(r -> r.name().equals(constant)).findFirst()
                    .orElseThrow(() -> bad("pathPolicy.allow", name, "rule names among "
                            + String.join(", ", Arrays.stream(PathPolicy.Rule.values()).map(Enum::name).toList())));
            b.allow(rule);
        }
        return Optional.of(b.build());
    }

    /** Runs a builder step, turning its refusal into a message that names the key and the form expected. */
    private <T> T named(String key, String form, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (AuthKitConfigException | IllegalArgumentException e) {
            throw bad(key, values.get(key), form);
        }
    }

    private AuthKitConfigException bad(String key, String value, String form) {
        return new AuthKitConfigException(nameOf.apply(key) + " must be " + form + ", got '" + value + "'");
    }
}
