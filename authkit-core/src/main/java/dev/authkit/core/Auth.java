package dev.authkit.core;

import dev.authkit.core.internal.crypto.TokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is signed in, as authkit-nextjs's {@code withAuth()} answers it: the user and impersonator
 * from the session cookie, the rest from the verified access token. {@link #signedOut()} is the
 * one value for "nobody", so callers test {@link #isSignedIn()} rather than nulls.
 *
 * <p>{@link #toString()} never shows the access token.
 */
public final class Auth {
    private static final Auth SIGNED_OUT = new Auth(null, null, null);

    private final Session session;
    private final TokenClaims claims;
    private final String accessToken;

    private Auth(Session session, TokenClaims claims, String accessToken) {
        this.session = session;
        this.claims = claims;
        this.accessToken = accessToken;
    }

    public static Auth signedOut() {
        return SIGNED_OUT;
    }

    static Auth of(Session session, TokenClaims claims) {
        return new Auth(Objects.requireNonNull(session, "session"), Objects.requireNonNull(claims, "claims"),
                session.accessToken());
    }

    /** A caller authenticated by an {@code Authorization: Bearer} access token: claims, but no session cookie and no user object. */
    static Auth ofBearer(String accessToken, TokenClaims claims) {
        return new Auth(null, Objects.requireNonNull(claims, "claims"), Objects.requireNonNull(accessToken, "accessToken"));
    }

    public boolean isSignedIn() {
        return claims != null;
    }

    /** True when authenticated by a bearer token rather than the session cookie ({@link #user()} is then empty). */
    public boolean isBearer() {
        return claims != null && session == null;
    }

    /** The WorkOS user id ({@code sub}), for cookie sessions and bearer tokens alike. */
    public Optional<String> userId() {
        return claims == null ? Optional.empty() : claims.subject();
    }

    /** The user of a cookie session; empty when signed out or authenticated by a bearer token (see {@link #userId()}). */
    public Optional<User> user() {
        return session == null ? Optional.empty() : Optional.of(session.user());
    }

    /** The WorkOS session id ({@code sid}), which sign-out ends. */
    public Optional<String> sessionId() {
        return claims == null ? Optional.empty() : claims.sessionId();
    }

    public Optional<String> organizationId() {
        return claims == null ? Optional.empty() : claims.organizationId();
    }

    /** The primary role in the current organization ({@code role}). */
    public Optional<String> role() {
        return claims == null ? Optional.empty() : claims.role();
    }

    public List<String> roles() {
        return claims == null ? List.of() : claims.roles();
    }

    public List<String> permissions() {
        return claims == null ? List.of() : claims.permissions();
    }

    public List<String> entitlements() {
        return claims == null ? List.of() : claims.entitlements();
    }

    public List<String> featureFlags() {
        return claims == null ? List.of() : claims.featureFlags();
    }

    public Optional<Impersonator> impersonator() {
        return session == null ? Optional.empty() : session.impersonator();
    }

    public Optional<String> authenticationMethod() {
        return session == null ? Optional.empty() : session.authenticationMethod();
    }

    /** The access token, for calling your own APIs on the user's behalf. A secret: never log it. */
    public Optional<String> accessToken() {
        return Optional.ofNullable(accessToken);
    }

    /**
     * The whole session as sealed in the cookie, refresh token included: for the core's refresh
     * and switch only, so application code never holds a refresh token the pipeline may use.
     */
    Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    /** Every claim of the access token ({@code sub}, {@code sid}, {@code exp}, custom claims, ...). */
    public Map<String, Object> claims() {
        return claims == null ? Map.of() : claims.all();
    }

    /** Access-token expiry, epoch seconds; 0 when signed out. */
    public long expiresAt() {
        return claims == null ? 0 : claims.expiresAt();
    }

    /**
     * When the user last authenticated (the {@code auth_time} claim), if the token says. Refreshes
     * do not change it; a new sign-in does.
     */
    public Optional<Instant> authenticatedAt() {
        Object v = claims().get("auth_time");
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return Optional.of(Instant.ofEpochMilli((long) (n.doubleValue() * 1000)));
        }
        return Optional.empty();
    }

    /**
     * True if the user authenticated within {@code maxAge} of {@code now} (authkit-nextjs
     * {@code checkRecentAuth}): gate sensitive actions on it and send the user through sign-in
     * again when it is false. A missing {@code auth_time} or a signed-out request is never recent;
     * exactly {@code maxAge} ago, or a time in the future, is.
     */
    public boolean isRecentlyAuthenticated(Duration maxAge, Instant now) {
        return isSignedIn() && authenticatedAt().map(t -> Duration.between(t, now).compareTo(maxAge) <= 0).orElse(false);
    }

    /** True if the primary role or any of the roles is {@code role}. */
    public boolean hasRole(String role) {
        return role().filter(role::equals).isPresent() || roles().contains(role);
    }

    public boolean hasPermission(String permission) {
        return permissions().contains(permission);
    }

    public boolean hasEntitlement(String entitlement) {
        return entitlements().contains(entitlement);
    }

    public boolean hasFeatureFlag(String flag) {
        return featureFlags().contains(flag);
    }

    @Override
    public String toString() {
        if (claims == null) {
            return "Auth{signed out}";
        }
        return "Auth{" + (isBearer() ? "bearer, " : "") + "user=" + userId().orElse("?") + ", sessionId=" + sessionId().orElse("?") + ", organizationId="
                + organizationId().orElse("none") + ", role=" + role().orElse("none")
                + impersonator().map(i -> ", impersonator=" + i.email()).orElse("") + "}";
    }
}
