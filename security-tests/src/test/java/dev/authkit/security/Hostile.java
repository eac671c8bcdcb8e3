package dev.authkit.security;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.testkit.FakeWorkOS;

/** The application every target serves: protected except {@code /} and {@code /public/*}, eager auth on. */
final class Hostile {
    static final String PASSWORD = "hostile-suite-cookie-password-0123456789";

    private Hostile() {
    }

    static AuthKit authKit(FakeWorkOS fake) {
        AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                .redirectUri("http://127.0.0.1/callback").apiBaseUrl(fake.baseUrl()).build();
        return AuthKit.builder(config).clock(fake.clock()).middlewareAuth(true).unauthenticatedPaths("/", "/public/:path*")
                .eagerAuth(true).build();
    }
}
