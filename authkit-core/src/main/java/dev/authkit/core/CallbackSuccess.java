package dev.authkit.core;

import com.workos.models.AuthenticateResponse;
import com.workos.models.SSOTokenResponseOAuthToken;
import java.util.Objects;
import java.util.Optional;

/**
 * What a successful sign-in callback hands to {@code onSuccess}.
 *
 * @param session        the new session (user, tokens, impersonator, authentication method)
 * @param organizationId the organization the user signed in to, if any
 * @param state          the custom state passed to {@link SignInOptions.Builder#state}, if any
 * @param response       WorkOS's whole answer, for what authkit does not model
 */
public record CallbackSuccess(Session session, Optional<String> organizationId, Optional<String> state,
                              AuthenticateResponse response) {
    public CallbackSuccess {
        Objects.requireNonNull(session, "session");
        organizationId = organizationId == null ? Optional.empty() : organizationId;
        state = state == null ? Optional.empty() : state;
    }

    /** Upstream OAuth tokens (Google, Microsoft, ...) when WorkOS returned them. */
    public Optional<SSOTokenResponseOAuthToken> oauthTokens() {
        return Optional.ofNullable(response == null ? null : response.getOauthTokens());
    }

    @Override
    public String toString() {
        return "CallbackSuccess{" + session + ", organizationId=" + organizationId.orElse("none") + "}";
    }
}
