package example;

import dev.authkit.core.CookieSealer;

/** Compiles only if the BOM-managed authkit-core is on the class path. */
public final class UsesAuthKit {
    private UsesAuthKit() {
    }

    public static String roundTrip(String json) {
        CookieSealer sealer = CookieSealer.iron("a-password-of-at-least-thirty-two-characters");
        return sealer.unseal(sealer.seal(json, java.time.Duration.ZERO)).orElseThrow();
    }
}
