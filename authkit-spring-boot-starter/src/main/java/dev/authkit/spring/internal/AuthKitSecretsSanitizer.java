package dev.authkit.spring.internal;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks authkit's secrets in Actuator's {@code /env} and {@code /configprops}, also for a caller
 * allowed to see values ({@code show-values}): the API key, the cookie password, the webhook secret
 * and the Redis, session store and revocation list URIs (which may carry a password), under their {@code authkit.*} names (any relaxed
 * spelling) and their {@code WORKOS_*} / {@code AUTHKIT_*} variables.
 */
public final class AuthKitSecretsSanitizer implements SanitizingFunction {
    private static final Set<String> SECRETS = Set.of("authkitapikey", "authkitcookiepassword", "authkitwebhooksecret",
            "authkitredisuri", "authkitsessionstoreuri", "authkitrevocationlisturi", "workosapikey", "workoscookiepassword",
            "workoswebhooksecret");

    @Override
    public SanitizableData apply(SanitizableData data) {
        return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
    }

    /** Whether {@code key} names one of authkit's secrets, in any of Spring's relaxed spellings. */
    public static boolean isSecret(String key) {
        if (key == null) {
            return false;
        }
        String plain = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SECRETS.contains(plain);
    }
}
