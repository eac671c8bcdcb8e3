package dev.authkit.core.internal;

import com.workos.WorkOS;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.PathPolicy;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.core.RefreshFailure;
import dev.authkit.core.RefreshSuccess;
import dev.authkit.core.RevocationList;
import dev.authkit.core.Routes;
import dev.authkit.core.SessionStore;
import dev.authkit.core.WebhookEvent;
import dev.authkit.core.internal.crypto.IronSealer;
import dev.authkit.core.internal.session.AuthValues;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every option of an {@code AuthKit}, validated by its builder, as the stages receive them.
 *
 * @param redirectUri           the redirect URI in use: the builder's override, else the configuration's
 * @param allowedReturnOrigins  origins sign-out and switches may return to, besides the request's own
 * @param redirectUris          the allow-list of redirect URIs, one per origin (several domains); may be empty
 * @param recentSignInPaths     globs needing a sign-in at most this long ago, in the order given
 * @param listeners             the event listeners, in the order given
 * @param ironSealer            the sealer behind {@code sealer} when it is authkit's own, whose answers the session
 *                              cache may remember (a custom sealer may not answer the same way twice)
 * @param sessionStore          where sessions live when the cookie holds only a reference; empty: in cookies
 * @param revocationList        the revoked sessions, checked on every request
 * @param onWebhookEvent        the application's callback for verified WorkOS webhook events
 * @param inactivityTimeout     sign a session out when unused this long; empty: no limit
 * @param absoluteTimeout       sign a session out this long after its sign-in; empty: no limit
 */
public record Settings(AuthKitConfig config, WorkOS workos, CookieSealer sealer, Clock clock, boolean debug,
                       boolean middlewareAuth, List<String> unauthenticatedPaths, List<String> signUpPaths,
                       URI redirectUri, boolean eagerAuth, Optional<Duration> refreshBuffer, Duration refreshGracePeriod,
                       RefreshCoordination refreshCoordination, Duration httpTimeout,
                       Consumer<RefreshSuccess> onRefreshSuccess, Consumer<RefreshFailure> onRefreshError,
                       Set<String> allowedReturnOrigins, Routes routes, boolean acceptBearerTokens,
                       CallbackOptions callbackOptions, PathPolicy pathPolicy, AuthValues authValues,
                       Optional<IronSealer> ironSealer, List<URI> redirectUris,
                       List<Map.Entry<String, Duration>> recentSignInPaths, List<Consumer<AuthKitEvent>> listeners,
                       Optional<SessionStore> sessionStore, RevocationList revocationList,
                       Consumer<WebhookEvent> onWebhookEvent, Optional<Duration> inactivityTimeout,
                       Optional<Duration> absoluteTimeout) {
}
