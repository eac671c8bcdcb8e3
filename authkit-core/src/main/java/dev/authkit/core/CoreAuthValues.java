package dev.authkit.core;

import dev.authkit.core.internal.crypto.TokenClaims;
import dev.authkit.core.internal.session.AuthValues;

/**
 * The one maker of signed-in {@link Auth} values, handed by {@link AuthKit} to the stages that
 * need it; package-private so that applications cannot mint a signed-in {@code Auth}.
 */
final class CoreAuthValues implements AuthValues {
    static final AuthValues INSTANCE = new CoreAuthValues();

    private CoreAuthValues() {
    }

    @Override
    public Auth cookie(Session session, TokenClaims claims) {
        return Auth.of(session, claims);
    }

    @Override
    public Auth bearer(String accessToken, TokenClaims claims) {
        return Auth.ofBearer(accessToken, claims);
    }
}
