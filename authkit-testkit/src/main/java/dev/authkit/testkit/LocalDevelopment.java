package dev.authkit.testkit;

import dev.authkit.core.AuthKitConfig;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * For demos and local runs: real WorkOS when {@code WORKOS_CLIENT_ID} is set, else an embedded
 * {@link FakeWorkOS} with the demo data, and the configuration that points at whichever it is.
 *
 * @param config the configuration to build {@code AuthKit} from
 * @param fake   the embedded fake, when one was started (close it on shutdown)
 */
public record LocalDevelopment(AuthKitConfig config, Optional<FakeWorkOS> fake) implements AutoCloseable {

    /**
     * @param env         the environment ({@code System.getenv()})
     * @param redirectUri the application's callback URL, used with the fake (with WorkOS,
     *                    {@code WORKOS_REDIRECT_URI} applies)
     */
    public static LocalDevelopment start(Map<String, String> env, String redirectUri) {
        String clientId = env.get(AuthKitConfig.CLIENT_ID);
        if (clientId != null && !clientId.isEmpty()) {
            return new LocalDevelopment(AuthKitConfig.fromMap(env), Optional.empty());
        }
        FakeWorkOS fake = FakeWorkOS.builder().withDemoData().redirectUri(redirectUri).start();
        Map<String, String> vars = new LinkedHashMap<>(fake.environment());
        vars.put(AuthKitConfig.REDIRECT_URI, redirectUri);
        String password = env.get(AuthKitConfig.COOKIE_PASSWORD);
        vars.put(AuthKitConfig.COOKIE_PASSWORD, password == null || password.isEmpty() ? randomPassword() : password);
        System.out.println("No WORKOS_* variables are set: using an embedded FakeWorkOS at " + fake.baseUrl()
                + " with demo users alice@example.com, bob@example.com and carol@example.com (no passwords).");
        return new LocalDevelopment(AuthKitConfig.fromMap(vars), Optional.of(fake));
    }

    @Override
    public void close() {
        fake.ifPresent(FakeWorkOS::close);
    }

    /** A fresh 43-character cookie password. */
    static String randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
