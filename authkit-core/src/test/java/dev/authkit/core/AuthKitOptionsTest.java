package dev.authkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text options: each key reaches the builder, unknown keys and bad values are refused by name. */
class AuthKitOptionsTest {
    static final AuthKitConfig CONFIG = AuthKitConfig.builder().clientId("client_123").apiKey("sk_test_123")
            .cookiePassword("options-test-cookie-password-0123456789").redirectUri("https://app.example/callback")
            .apiBaseUrl("http://127.0.0.1:9").build();

    record Request(String method, String url, Map<String, String> headerMap) implements AuthKitRequest {
        Request(String url, String... headers) {
            this("GET", url, pairs(headers));
        }

        static Map<String, String> pairs(String... headers) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < headers.length; i += 2) {
                m.put(headers[i].toLowerCase(java.util.Locale.ROOT), headers[i + 1]);
            }
            return m;
        }

        @Override
        public List<String> headers(String name) {
            String v = headerMap.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null ? List.of() : List.of(v);
        }
    }

    static AuthKit kit(Map<String, String> options) {
        return AuthKitOptions.parse(options).applyTo(AuthKit.builder(CONFIG)).build();
    }

    static Outcome get(AuthKit kit, String path, String... headers) {
        return kit.handle(new Request("https://app.example" + path, headers));
    }

    @Test
    void middlewareOptionsProtectAllButThePublicGlobs() {
        AuthKit kit = kit(Map.of("middlewareAuth", "TRUE", "unauthenticatedPaths", "/, /public/:path*  /about"));
        assertThat(get(kit, "/public/x")).isInstanceOf(Outcome.Continue.class);
        assertThat(get(kit, "/about")).isInstanceOf(Outcome.Continue.class);
        assertThat(get(kit, "/private", "Accept", "application/json")).isInstanceOfSatisfying(Outcome.Respond.class,
                r -> assertThat(r.status()).isEqualTo(401));
        assertThat(get(kit(Map.of()), "/private")).as("default: no protection").isInstanceOf(Outcome.Continue.class);
    }

    @Test
    void signUpPathsAndRedirectUriShapeTheSignInRedirect() {
        AuthKit kit = kit(Map.of("middlewareAuth", "true", "signUpPaths", "/join", "redirectUri", "https://app.example/other/cb"));
        Outcome join = get(kit, "/join", "Accept", "text/html");
        assertThat(join).isInstanceOf(Outcome.Redirect.class);
        String location = URLDecoder.decode(((Outcome.Redirect) join).location(), StandardCharsets.UTF_8);
        assertThat(location).contains("screen_hint=sign-up").contains("redirect_uri=https://app.example/other/cb");
    }

    @Test
    void routesMoveOrSwitchOff() {
        AuthKit kit = kit(Map.of("routes.signIn", "/login", "routes.api", "", "routes.client", "", "routes.signUp", "/join"));
        assertThat(get(kit, "/login", "Accept", "text/html")).isInstanceOf(Outcome.Redirect.class);
        assertThat(get(kit, "/join", "Accept", "text/html")).isInstanceOf(Outcome.Redirect.class);
        assertThat(get(kit, "/auth/sign-in", "Accept", "text/html")).isInstanceOf(Outcome.Continue.class);
        assertThat(get(kit, "/auth/api/session")).isInstanceOf(Outcome.Continue.class);
        assertThat(get(kit, "/auth/client.js")).isInstanceOf(Outcome.Continue.class);
        assertThat(get(kit(Map.of()), "/auth/client.js")).isInstanceOf(Outcome.Respond.class);
        assertThat(get(kit(Map.of("routes.client", "/js/authkit.js")), "/js/authkit.js")).isInstanceOf(Outcome.Respond.class);
    }

    @Test
    void bearerTokensAndThePathPolicy() {
        AuthKit bearer = kit(Map.of("acceptBearerTokens", "true"));
        assertThat(get(bearer, "/x", "Authorization", "Bearer nonsense")).isInstanceOfSatisfying(Outcome.Respond.class,
                r -> assertThat(r.status()).isEqualTo(401));
        assertThat(get(kit(Map.of()), "/a;b")).isInstanceOfSatisfying(Outcome.Respond.class,
                r -> assertThat(r.status()).isEqualTo(400));
        assertThat(get(kit(Map.of("pathPolicy.allow", "semicolon, EMPTY_SEGMENT")), "/a;b")).isInstanceOf(Outcome.Continue.class);
    }

    @Test
    void durationsInUnitsOrIso() {
        for (String d : List.of("30s", "500ms", "2m", "1h", "1d", "PT30S", "0s")) {
            AuthKitOptions.parse(Map.of("refreshBuffer", d, "refreshGracePeriod", d));
        }
        AuthKitOptions.parse(Map.of("refreshBufferSeconds", "45", "httpTimeout", "5s"));
        assertThatThrownBy(() -> AuthKitOptions.parse(Map.of("refreshBuffer", "30")))
                .isInstanceOf(AuthKitConfigException.class)
                .hasMessage("refreshBuffer must be a duration such as 30s, 500ms, 2m, 1h or PT30S, got '30'");
        assertThatThrownBy(() -> kit(Map.of("httpTimeout", "0s"))).hasMessage("httpTimeout must be a positive duration, got '0s'");
        assertThatThrownBy(() -> AuthKitOptions.parse(Map.of("refreshBufferSeconds", "soon")))
                .hasMessageContaining("refreshBufferSeconds").hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> AuthKitOptions.parse(Map.of("refreshBuffer", "30s", "refreshBufferSeconds", "30")))
                .hasMessageContaining("not both");
    }

    @Test
    void unknownKeysAreNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> AuthKitOptions.parse(Map.of("middlewareAuht", "true")))
                .isInstanceOf(AuthKitConfigException.class)
                .hasMessageStartingWith("unknown option 'middlewareAuht'; known: ")
                .hasMessageContaining("middlewareAuth, pathPolicy.allow, redirectUri");
        assertThatThrownBy(() -> AuthKitOptions.parser().adapterKeys("trustForwardedHeaders").parse(Map.of("x", "1")))
                .hasMessageContaining("trustForwardedHeaders");
        AuthKitOptions.parser().adapterKeys("trustForwardedHeaders").parse(Map.of("trustForwardedHeaders", "true"));
        assertThat(AuthKitOptions.keys()).contains("routes.callback", "callback.baseUrl", "allowedReturnOrigins");
    }

    @Test
    void badValuesNameTheKeyAndTheForm() {
        assertThatThrownBy(() -> AuthKitOptions.parse(Map.of("eagerAuth", "yes")))
                .hasMessage("eagerAuth must be true or false, got 'yes'");
        assertThatThrownBy(() -> kit(Map.of("redirectUri", "/callback")))
                .hasMessage("redirectUri must be an absolute http or https URL, got '/callback'");
        assertThatThrownBy(() -> kit(Map.of("allowedReturnOrigins", "https://ok.example, nope")))
                .hasMessageContaining("allowedReturnOrigins must be origins such as https://app.example.com");
        assertThatThrownBy(() -> AuthKitOptions.parse(Map.of("routes.signOut", "logout")))
                .hasMessage("routes.signOut must be a path starting with /, or blank for none, got 'logout'");
        assertThatThrownBy(() -> AuthKitOptions.parse(Map.of("callback.baseUrl", "ftp://x")))
                .hasMessage("callback.baseUrl must be an absolute http or https URL, got 'ftp://x'");
        assertThatThrownBy(() -> AuthKitOptions.parse(Map.of("pathPolicy.allow", "everything")))
                .hasMessageStartingWith("pathPolicy.allow must be rule names among ENCODED_SLASH");
        assertThatThrownBy(() -> AuthKitOptions.parser().naming(k -> "authkit." + k).parse(Map.of("debug", "maybe")))
                .hasMessage("authkit.debug must be true or false, got 'maybe'");
    }

    @Test
    void blankValuesKeepTheDefaults() {
        AuthKit kit = kit(Map.of("middlewareAuth", "", "refreshBuffer", " ", "unauthenticatedPaths", ""));
        assertThat(get(kit, "/private")).isInstanceOf(Outcome.Continue.class);
    }

    /** The limits and the webhook route by text; the environment's names fill what the options leave unset, and are named when bad. */
    @Test
    void sessionLimitsAndTheWebhookRouteByTextAndEnvironment() {
        assertThat(AuthKitOptions.keys()).contains("inactivityTimeout", "absoluteTimeout", "routes.webhooks");
        AuthKitConfig withSecret = AuthKitConfig.builder().clientId("client_123").apiKey("sk_test_123")
                .cookiePassword("options-test-cookie-password-0123456789").redirectUri("https://app.example/callback")
                .apiBaseUrl("http://127.0.0.1:9").webhookSecret("whsec_options").build();
        AuthKit moved = AuthKitOptions.parse(Map.of("routes.webhooks", "/hooks/workos")).applyTo(AuthKit.builder(withSecret)).build();
        assertThat(((Outcome.Respond) moved.handle(new Request("https://app.example/hooks/workos"))).status())
                .as("GET on the moved receiver").isEqualTo(405);
        AuthKit off = AuthKitOptions.parse(Map.of("routes.webhooks", "")).applyTo(AuthKit.builder(withSecret)).build();
        assertThat(off.handle(new Request("https://app.example/auth/webhooks/workos"))).isInstanceOf(Outcome.Continue.class);

        AuthKitOptions.parse(Map.of("inactivityTimeout", "30m", "absoluteTimeout", "PT12H")).applyTo(AuthKit.builder(CONFIG)).build();
        assertThatThrownBy(() -> AuthKitOptions.parse(Map.of("inactivityTimeout", "0s")))
                .hasMessage("inactivityTimeout must be a positive duration such as 30m or 12h, got '0s'");
        assertThatThrownBy(() -> AuthKitOptions.parser().environment(Map.of("AUTHKIT_ABSOLUTE_TIMEOUT", "12")).parse(Map.of()))
                .hasMessageContaining("AUTHKIT_ABSOLUTE_TIMEOUT must be");
        assertThat(AuthKitOptions.parser().environment(Map.of("AUTHKIT_ABSOLUTE_TIMEOUT", "12")).parse(Map.of("absoluteTimeout", "1h")))
                .as("an option that is set wins over the variable").isNotNull();
    }
}
