package dev.authkit.testkit.internal.store;

import dev.authkit.core.Impersonator;
import java.time.Instant;
import java.util.Objects;

/**
 * One WorkOS session the fake opened. Its organization changes when a refresh switches it; once
 * revoked its refresh tokens answer {@code invalid_grant}. Thread-safe (the changing fields are volatile).
 */
public final class SessionState {
    private final String id;
    private final String userId;
    private volatile String organizationId;
    private final Impersonator impersonator;
    private final String authenticationMethod;
    private final Instant authTime;
    private volatile boolean revoked;

    SessionState(String id, String userId, String organizationId, Impersonator impersonator,
                 String authenticationMethod, Instant authTime) {
        this.id = Objects.requireNonNull(id, "id");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.organizationId = organizationId;
        this.impersonator = impersonator;
        this.authenticationMethod = Objects.requireNonNull(authenticationMethod, "authenticationMethod");
        this.authTime = Objects.requireNonNull(authTime, "authTime");
    }

    /** The {@code sid} claim, {@code session_...}. */
    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    /** The session's organization; {@code null} for none. */
    public String organizationId() {
        return organizationId;
    }

    public void switchTo(String organizationId) {
        this.organizationId = organizationId;
    }

    /** Who impersonates the user in this session; {@code null} for nobody. */
    public Impersonator impersonator() {
        return impersonator;
    }

    /** {@code Password}, or {@code Impersonation}. */
    public String authenticationMethod() {
        return authenticationMethod;
    }

    /** When the user signed in: the {@code auth_time} claim, unchanged by refreshes. */
    public Instant authTime() {
        return authTime;
    }

    public boolean revoked() {
        return revoked;
    }

    void revoke() {
        revoked = true;
    }
}
