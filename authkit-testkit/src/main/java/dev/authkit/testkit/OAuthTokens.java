package dev.authkit.testkit;

import java.util.List;
import java.util.Objects;

/**
 * Upstream OAuth tokens (Google, Microsoft, ...) that {@link FakeWorkOS} returns as
 * {@code oauth_tokens} when a seeded user signs in.
 *
 * @param provider     e.g. {@code GoogleOAuth}
 * @param accessToken  the provider's access token
 * @param refreshToken the provider's refresh token
 * @param expiresAt    epoch seconds
 * @param scopes       granted scopes
 */
public record OAuthTokens(String provider, String accessToken, String refreshToken, long expiresAt, List<String> scopes) {
    public OAuthTokens {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
