package dev.authkit.quarkus.test;

import dev.authkit.quarkus.AuthKitProducer;
import dev.authkit.testkit.FakeWorkOS;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a {@link FakeWorkOS} with the demo data for a {@code @QuarkusTest} and hands the
 * application its settings ({@code WORKOS_*}) and its clock, so that {@code fake.clock().advance(..)}
 * moves the application's time too. The test gets the fake in a field of type {@link FakeWorkOS}.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = FakeWorkOSTestResource.class, initArgs =
 *         @ResourceArg(name = "redirect-uri", value = "http://localhost:8089/callback"))
 * class AppTest {
 *     FakeWorkOS fake;   // injected
 * }
 * }</pre>
 *
 * <p>Arguments: {@code redirect-uri} (default {@code http://localhost:8081/callback}, Quarkus's
 * default test port), {@code cookie-password} (default: a random one per run). Needs
 * {@code dev.authkit:authkit-testkit} on the test class path.
 */
public class FakeWorkOSTestResource implements QuarkusTestResourceLifecycleManager {
    private static final String PROPERTY_PREFIX = "dev.authkit.quarkus.clock.";

    private Map<String, String> args = Map.of();
    private FakeWorkOS fake;
    private String clockKey;

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        String redirectUri = args.getOrDefault("redirect-uri", "http://localhost:8081/callback");
        fake = FakeWorkOS.builder().withDemoData().redirectUri(redirectUri).start();
        clockKey = UUID.randomUUID().toString();
        System.getProperties().put(PROPERTY_PREFIX + clockKey, fake.clock());
        Map<String, String> config = new HashMap<>(fake.environment());
        config.put("WORKOS_REDIRECT_URI", redirectUri);
        config.put("WORKOS_COOKIE_PASSWORD", args.getOrDefault("cookie-password",
                "test-" + UUID.randomUUID() + UUID.randomUUID()));
        config.put(AuthKitProducer.TEST_CLOCK, clockKey);
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(fake, new TestInjector.MatchesType(FakeWorkOS.class));
    }

    @Override
    public void stop() {
        if (clockKey != null) {
            System.getProperties().remove(PROPERTY_PREFIX + clockKey);
        }
        if (fake != null) {
            fake.close();
        }
    }
}
