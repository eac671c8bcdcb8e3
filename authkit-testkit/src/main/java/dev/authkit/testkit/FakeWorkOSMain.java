package dev.authkit.testkit;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeWorkOS} with the demo users for local development without a WorkOS account,
 * and prints the {@code WORKOS_*} variables that point an application at it.
 *
 * <pre>
 * --port N           port on 127.0.0.1 (default 8081; 0 for any free port)
 * --redirect-uri U   register a redirect URI (repeatable; default: any URI on localhost)
 * --client-id ID     default client_fake
 * --api-key KEY      default sk_test_fake
 * </pre>
 */
public final class FakeWorkOSMain {
    public static final int DEFAULT_PORT = 8081;

    private FakeWorkOSMain() {
    }

    public static void main(String[] args) throws InterruptedException {
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
        String redirectUri = null;
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
                    redirectUri = require(arg, value);
                    builder.redirectUri(redirectUri);
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
                        + " (options: --port N, --redirect-uri URI, --client-id ID, --api-key KEY)");
            }
        }
        FakeWorkOS fake = builder.start();
        out.println("FakeWorkOS is running at " + fake.baseUrl() + " with demo users "
                + "alice@example.com, bob@example.com and carol@example.com (no passwords).");
        out.println("Point an application at it with:");
        for (Map.Entry<String, String> e : fake.environment().entrySet()) {
            out.println("  export " + e.getKey() + "=" + e.getValue());
        }
        out.println("  export WORKOS_COOKIE_PASSWORD=" + LocalDevelopment.randomPassword());
        out.println("  export WORKOS_REDIRECT_URI=" + (redirectUri != null ? redirectUri : "http://localhost:8080/callback"));
        out.println("Stop it with Ctrl-C.");
        out.flush();
        return fake;
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
