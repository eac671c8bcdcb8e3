package dev.authkit.testkit;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import org.slf4j.helpers.NOP_FallbackServiceProvider;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Runs a {@link FakeWorkOS} with the demo users for local development without a WorkOS account,
 * and prints the {@code WORKOS_*} variables that point an application at it (Java or Next.js:
 * both {@code WORKOS_REDIRECT_URI} and {@code NEXT_PUBLIC_WORKOS_REDIRECT_URI}, for every
 * registered redirect URI). Its clock follows real time, so it can run for days.
 *
 * <pre>
 * --port N              port on 127.0.0.1 (default 7761; 0 for any free port)
 * --redirect-uri U      register a redirect URI (repeatable; default: any URI on localhost)
 * --client-id ID        default client_fake
 * --api-key KEY         default sk_test_fake
 * --token-lifetime T    access token lifetime: seconds ("30"), "30s", "5m", "1h" or ISO-8601
 *                       ("PT30S"); default 5 minutes, as WorkOS
 * --cookie-password P   the cookie password to print (at least 32 characters); default a fixed
 *                       local-development password, so applications keep their sessions
 *                       across restarts of the fake
 * </pre>
 *
 * <p>SLF4J stays silent when no logging provider is on the class path (instead of warning).
 */
public final class FakeWorkOSMain {
    /**
     * 7761: a port no common tool or framework uses by default, so the fake runs beside an
     * application under test (8080, Quarkus's test port 8081, 8443, 8888, 9000, 3000, 5000, JBoss's
     * debug port 8787 and the like stay free). Was 8081, which Quarkus tests take.
     */
    public static final int DEFAULT_PORT = 7761;
    /**
     * The cookie password printed unless {@code --cookie-password} is given: fixed, so an
     * application's sessions survive a restart of the fake. For local development only: it is
     * public.
     */
    public static final String DEFAULT_COOKIE_PASSWORD = "fake-workos-local-development-only-cookie-password";
    /** Where a redirect URI is not given: the servlet demo's callback. */
    static final String DEFAULT_REDIRECT_URI = "http://localhost:8080/callback";

    private FakeWorkOSMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        quietLogging();
        FakeWorkOS fake;
        try {
            fake = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("fake-workos: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            stopped.countDown();
        }, "fake-workos-shutdown"));
        stopped.await();
    }

    /** Parses {@code args}, starts the fake with demo data and prints how to use it to {@code out}. */
    public static FakeWorkOS start(String[] args, PrintStream out) {
        FakeWorkOS.Builder builder = FakeWorkOS.builder().withDemoData().port(DEFAULT_PORT);
        List<String> redirectUris = new ArrayList<>();
        String cookiePassword = DEFAULT_COOKIE_PASSWORD;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--port" -> {
                    try {
                        builder.port(Integer.parseInt(require(arg, value)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port takes a number from 0 to 65535, got " + value);
                    }
                    i++;
                }
                case "--redirect-uri" -> {
                    redirectUris.add(require(arg, value));
                    builder.redirectUri(value);
                    i++;
                }
                case "--token-lifetime" -> {
                    builder.accessTokenLifetime(parseDuration(arg, require(arg, value)));
                    i++;
                }
                case "--cookie-password" -> {
                    cookiePassword = require(arg, value);
                    if (cookiePassword.length() < 32) {
                        throw new IllegalArgumentException("--cookie-password must be at least 32 characters long");
                    }
                    i++;
                }
                case "--client-id" -> {
                    builder.clientId(require(arg, value));
                    i++;
                }
                case "--api-key" -> {
                    builder.apiKey(require(arg, value));
                    i++;
                }
                default -> throw new IllegalArgumentException("unknown option " + arg
                        + " (options: --port N, --redirect-uri URI, --client-id ID, --api-key KEY,"
                        + " --token-lifetime 5m, --cookie-password PASSWORD)");
            }
        }
        FakeWorkOS fake = builder.start();
        out.println("FakeWorkOS is running at " + fake.baseUrl() + " with demo users "
                + "alice@example.com, bob@example.com and carol@example.com (no passwords).");
        out.println("Access tokens live " + fake.accessTokenLifetime().toSeconds() + " s; the clock is real time.");
        out.println(redirectUris.isEmpty()
                ? "Redirect URIs: any http(s) URI on localhost, 127.0.0.1 or [::1]."
                : "Registered redirect URIs: " + String.join(", ", redirectUris));
        out.println("Point an application at it with:");
        for (Map.Entry<String, String> e : fake.environment().entrySet()) {
            out.println("  export " + e.getKey() + "=" + e.getValue());
        }
        out.println("  export WORKOS_COOKIE_PASSWORD=" + cookiePassword);
        List<String> shown = redirectUris.isEmpty() ? List.of(DEFAULT_REDIRECT_URI) : redirectUris;
        for (String uri : shown) {
            out.println("and, in the application whose callback is " + uri + " (Java or Next.js):");
            out.println("  export WORKOS_REDIRECT_URI=" + uri);
            out.println("  export NEXT_PUBLIC_WORKOS_REDIRECT_URI=" + uri);
        }
        out.println("Stop it with Ctrl-C.");
        out.flush();
        return fake;
    }

    /**
     * Without a logging provider on the class path SLF4J 2 prints three warnings on the first
     * logger; the standalone fake has nothing to say through SLF4J, so it picks the no-op provider
     * then. A provider on the class path or an explicit {@code slf4j.provider} wins.
     */
    static void quietLogging() {
        if (System.getProperty("slf4j.provider") != null
                || ServiceLoader.load(SLF4JServiceProvider.class).findFirst().isPresent()) {
            return;
        }
        System.setProperty("slf4j.internal.verbosity", "WARN");
        System.setProperty("slf4j.provider", NOP_FallbackServiceProvider.class.getName());
    }

    static Duration parseDuration(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(t));
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(option + " must be positive, got " + text);
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(option + " takes a duration such as 30 (seconds), 30s, 5m, 1h or PT30S, got "
                    + text);
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
