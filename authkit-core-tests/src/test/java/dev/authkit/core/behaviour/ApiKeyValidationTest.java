package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.ApiKey;
import dev.authkit.core.ApiKeyValidation;
import dev.authkit.core.AuthKit;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code validateApiKey} (authkit-nextjs 4.x, reference case 76) against FakeWorkOS's {@code /api_keys/validations}. */
class ApiKeyValidationTest extends BehaviourTest {
    AuthKit authKit;
    String key;

    @BeforeEach
    void setUp() {
        authKit = h.authKit().build();
        key = fake.addApiKey(fake.organization(DemoData.ACME).orElseThrow(), "CI deploys", "deployments:write");
    }

    ApiKeyValidation validate(String authorization) {
        TestRequest r = TestRequest.get(APP + "/api/deploy");
        return authKit.validateApiKey(authorization == null ? r : r.header("Authorization", authorization));
    }

    @Test
    void case76_noUsableBearerValueIsInvalidWithoutAskingWorkOS() {
        for (String header : new String[] {null, "", "Bearer   ", "Bearer", "Basic dXNlcjpwYXNz"}) {
            assertThat(validate(header)).as(String.valueOf(header)).isInstanceOf(ApiKeyValidation.Invalid.class);
        }
        assertThat(fake.requests(Endpoint.API_KEY_VALIDATION)).isEmpty();
    }

    @Test
    void anOversizedOrNonAsciiValueIsInvalidWithoutAskingWorkOS() {
        for (String value : new String[] {"k".repeat(200_000), "sk_" + "a".repeat(300), "sk_test_\u00e9t\u00e9",
                "sk_test_a\u0000b", key + " " + key}) {
            assertThat(validate("Bearer " + value)).isInstanceOf(ApiKeyValidation.Invalid.class);
        }
        assertThat(fake.requests(Endpoint.API_KEY_VALIDATION)).isEmpty();
        // the bound leaves real keys alone
        assertThat(validate("Bearer " + key).isValid()).isTrue();
    }

    @Test
    void aSeededKeyIsValidWithItsOrganizationAndPermissions() {
        ApiKeyValidation v = validate("Bearer " + key);
        assertThat(v.isValid()).isTrue();
        ApiKey apiKey = ((ApiKeyValidation.Valid) v).apiKey();
        assertThat(apiKey.id()).startsWith("api_key_");
        assertThat(apiKey.name()).isEqualTo("CI deploys");
        assertThat(apiKey.organizationId()).contains(DemoData.ACME);
        assertThat(apiKey.hasPermission("deployments:write")).isTrue();
        assertThat(apiKey.toString()).doesNotContain(key);
        // matched like authkit-nextjs: case-insensitive scheme, any whitespace after it
        assertThat(validate("bearer\t" + key).isValid()).isTrue();
    }

    @Test
    void anUnknownKeyIsInvalidAndAnOutageIsUnavailable() {
        assertThat(validate("Bearer sk_test_unknown")).isInstanceOf(ApiKeyValidation.Invalid.class);
        fake.failNext(Endpoint.API_KEY_VALIDATION, 1, Failure.serverError());
        assertThat(validate("Bearer " + key)).isInstanceOf(ApiKeyValidation.Unavailable.class);
        assertThat(validate("Bearer " + key).isValid()).isTrue();
    }
}
