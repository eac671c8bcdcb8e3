package dev.authkit.testkit.internal.store;

import dev.authkit.core.User;
import dev.authkit.testkit.FakeMembership;
import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.internal.FakeSettings;
import dev.authkit.testkit.internal.TokenIssuer;
import dev.authkit.testkit.internal.WireJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Token issuing: opens sessions as a sign-in does and hands out the pair a sign-in or refresh
 * answers with, an RS256 access token ({@link TokenIssuer}) and a fresh single-use refresh token.
 * The claims are those WorkOS puts in its access tokens, taken from the directory at the time of
 * issue, so a membership changed after sign-in shows up at the next refresh.
 */
public final class AccessTokens {
    private final FakeSettings settings;
    private final TokenIssuer issuer;
    private final Directory directory;
    private final Sessions sessions;

    /** An access token and the refresh token issued with it. */
    public record Pair(String accessToken, String refreshToken) {
    }

    public AccessTokens(FakeSettings settings, TokenIssuer issuer, Directory directory, Sessions sessions) {
        this.settings = settings;
        this.issuer = issuer;
        this.directory = directory;
        this.sessions = sessions;
    }

    /** Opens a session for {@code userId}, which also counts as the user's latest sign-in. */
    public SessionState openSession(String userId, String organizationId) {
        SessionState s = sessions.open(userId, organizationId, settings.clock().instant());
        directory.recordSignIn(userId, settings.clock().instant());
        return s;
    }

    /**
     * A sign-in without a browser: opens a session for {@code user} in {@code organizationId}
     * ({@code null} for none) and issues its tokens, as a code exchange would.
     */
    public IssuedSession signIn(FakeUser user, String organizationId) {
        SessionState s = openSession(user.id(), organizationId);
        Pair t = issue(s);
        return new IssuedSession(s.id(), t.accessToken(), t.refreshToken(), coreUser(user),
                Optional.ofNullable(s.organizationId()), Optional.ofNullable(s.impersonator()), s.authenticationMethod());
    }

    /** The seeded user in the camelCase shape the session cookie holds (as the Node SDK maps it). */
    private User coreUser(FakeUser u) {
        Optional<String> last = directory.lastSignIn(u.id()).map(WireJson::iso);
        return new User(u.id(), u.email(), u.emailVerified(), u.firstName(), u.lastName(), u.profilePictureUrl(),
                last, u.externalId(), u.locale(), u.metadata(), WireJson.iso(u.createdAt()), WireJson.iso(u.createdAt()),
                WireJson.fullName(u), Map.of());
    }

    /** A new refresh token for {@code session} and an access token with its current claims. */
    public Pair issue(SessionState session) {
        String refreshToken = sessions.newRefreshToken(session);
        return new Pair(issuer.sign(claims(session)), refreshToken);
    }

    /** An access token for open session {@code sessionId} with claims {@code customize} changed after the usual ones. */
    public String accessToken(String sessionId, Consumer<JwtClaims> customize) {
        SessionState s = Optional.ofNullable(sessions.get(sessionId))
                .orElseThrow(() -> new IllegalArgumentException("no session " + sessionId));
        JwtClaims claims = claims(s);
        customize.accept(claims);
        return issuer.sign(claims);
    }

    /**
     * The claims of an access token for {@code s} issued now: {@code iss} (the fake's base URL),
     * {@code sub}, {@code sid}, {@code jti}, {@code iat}, {@code exp} (after the access token lifetime),
     * {@code auth_time}, and in an organization {@code org_id}, {@code role}, {@code roles},
     * {@code permissions}, {@code entitlements} and {@code feature_flags} (empty lists without one),
     * plus {@code act} when impersonated.
     */
    public JwtClaims claims(SessionState s) {
        Instant now = settings.clock().instant();
        JwtClaims c = new JwtClaims();
        c.setIssuer(settings.baseUrl());
        c.setSubject(s.userId());
        c.setClaim("sid", s.id());
        c.setJwtId(TokenIssuer.opaque("jti_"));
        c.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        c.setExpirationTime(NumericDate.fromSeconds(now.plus(settings.accessTokenLifetime()).getEpochSecond()));
        c.setClaim("auth_time", s.authTime().getEpochSecond());
        String orgId = s.organizationId();
        if (orgId != null) {
            c.setClaim("org_id", orgId);
            Optional<FakeMembership> m = directory.membership(s.userId(), orgId);
            m.ifPresent(x -> {
                c.setClaim("role", x.role());
                c.setStringListClaim("roles", x.roles());
                c.setStringListClaim("permissions", x.permissions());
            });
            FakeOrganization org = directory.organization(orgId).orElse(null);
            c.setStringListClaim("entitlements", org == null ? List.of() : org.entitlements());
            c.setStringListClaim("feature_flags", org == null ? List.of() : org.featureFlags());
        } else {
            c.setStringListClaim("roles", List.of());
            c.setStringListClaim("permissions", List.of());
            c.setStringListClaim("entitlements", List.of());
            c.setStringListClaim("feature_flags", List.of());
        }
        if (s.impersonator() != null) {
            c.setClaim("act", Map.of("sub", s.impersonator().email()));
        }
        return c;
    }
}
