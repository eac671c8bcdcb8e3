package dev.authkit.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * What a page, resource or handler demands of its caller, as a value an adapter builds from its
 * annotations ({@code @RequiresSignIn}, {@code @RolesAllowed}, {@code @RequiresPermission}, ...)
 * and the core evaluates with {@link AuthKit#authorize}: one set of rules and one set of messages
 * for every adapter.
 *
 * <pre>{@code
 * AccessRule.signedIn()                                   // any signed-in user
 * AccessRule.anyRole("admin", "owner")                    // signed in with one of these roles
 * AccessRule.allPermissions("posts:write")                // signed in with every one of these
 * AccessRule.anyRole("editor").andAllPermissions("posts:publish")
 * AccessRule.signedInWithin(Duration.ofMinutes(10))       // step-up: signed in at most 10 minutes ago
 * }</pre>
 *
 * <p>A user holds a role when it is the token's {@code role} or among its {@code roles}
 * ({@link Auth#hasRole}). Callers authenticated by a bearer access token are judged like cookie
 * sessions. Immutable and thread-safe.
 */
public final class AccessRule {
    private static final AccessRule PERMIT_ALL = new AccessRule(Kind.PERMIT_ALL, List.of(), false, List.of(), Optional.empty());
    private static final AccessRule DENY_ALL = new AccessRule(Kind.DENY_ALL, List.of(), false, List.of(), Optional.empty());
    private static final AccessRule SIGNED_IN = new AccessRule(Kind.SIGNED_IN, List.of(), false, List.of(), Optional.empty());

    /** The three shapes a rule takes. */
    public enum Kind {
        /** Anyone, signed in or not ({@code @PermitAll}). */
        PERMIT_ALL,
        /** Nobody, signed in or not: 403 ({@code @DenyAll}). */
        DENY_ALL,
        /** A signed-in caller, with the roles and permissions the rule lists. */
        SIGNED_IN
    }

    private final Kind kind;
    private final List<String> anyRole;
    private final boolean noRole;
    private final List<String> allPermissions;
    private final Optional<Duration> signedInWithin;

    private AccessRule(Kind kind, List<String> anyRole, boolean noRole, List<String> allPermissions,
                       Optional<Duration> signedInWithin) {
        this.kind = kind;
        this.anyRole = anyRole;
        this.noRole = noRole;
        this.allPermissions = allPermissions;
        this.signedInWithin = signedInWithin;
    }

    /** Anyone may: nothing is checked. */
    public static AccessRule permitAll() {
        return PERMIT_ALL;
    }

    /** Nobody may, signed in or not: 403 (signing in would not help). */
    public static AccessRule denyAll() {
        return DENY_ALL;
    }

    /** Any signed-in caller. */
    public static AccessRule signedIn() {
        return SIGNED_IN;
    }

    /**
     * A signed-in caller holding at least one of {@code roles}. No role at all means no role may
     * (JSR-250's {@code @RolesAllowed({})}): signed-out callers are asked to sign in, signed-in
     * ones get 403.
     */
    public static AccessRule anyRole(String... roles) {
        return SIGNED_IN.andAnyRole(roles);
    }

    /** A signed-in caller holding every one of {@code permissions}; none listed means any signed-in caller. */
    public static AccessRule allPermissions(String... permissions) {
        return SIGNED_IN.andAllPermissions(permissions);
    }

    /** This rule, and also one of {@code roles} (see {@link #anyRole}); on a {@link Kind#PERMIT_ALL} rule, signed in too. */
    public AccessRule andAnyRole(String... roles) {
        if (kind == Kind.DENY_ALL) {
            return this;
        }
        List<String> r = names(roles, "roles");
        return new AccessRule(Kind.SIGNED_IN, r, r.isEmpty(), allPermissions, signedInWithin);
    }

    /** This rule, and also every one of {@code permissions}; on a {@link Kind#PERMIT_ALL} rule, signed in too. */
    public AccessRule andAllPermissions(String... permissions) {
        if (kind == Kind.DENY_ALL) {
            return this;
        }
        List<String> more = names(permissions, "permissions");
        List<String> all = new java.util.ArrayList<>(allPermissions);
        more.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return new AccessRule(Kind.SIGNED_IN, anyRole, noRole, List.copyOf(all), signedInWithin);
    }

    /** A signed-in caller who signed in at most {@code maxAge} ago: see {@link #andSignedInWithin}. */
    public static AccessRule signedInWithin(Duration maxAge) {
        return SIGNED_IN.andSignedInWithin(maxAge);
    }

    /**
     * This rule, and also a sign-in at most {@code maxAge} ago (the access token's
     * {@code auth_time}; refreshes keep it). A caller who signed in longer ago is asked to sign in
     * again with {@code max_age} ({@link AuthKit#recentSignInRequired}), not refused; the shorter
     * of two ages wins. On a {@link Kind#PERMIT_ALL} rule, signed in too.
     *
     * @throws IllegalArgumentException for a negative age
     */
    public AccessRule andSignedInWithin(Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
        if (kind == Kind.DENY_ALL) {
            return this;
        }
        Duration d = signedInWithin.filter(old -> old.compareTo(maxAge) < 0).orElse(maxAge);
        return new AccessRule(Kind.SIGNED_IN, anyRole, noRole, allPermissions, Optional.of(d));
    }

    /** How recent the caller's sign-in must be; empty when any sign-in will do. */
    public Optional<Duration> signedInWithin() {
        return signedInWithin;
    }

    public Kind kind() {
        return kind;
    }

    /** Roles of which the caller needs one; empty when any role (or none) will do, see {@link #allowsNoRole()}. */
    public List<String> anyRole() {
        return anyRole;
    }

    /** True for a rule built from an empty role list: no role may. */
    public boolean allowsNoRole() {
        return noRole;
    }

    /** Permissions the caller needs, all of them. */
    public List<String> allPermissions() {
        return allPermissions;
    }

    private static List<String> names(String[] names, String what) {
        Objects.requireNonNull(names, what);
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException(what + " must not contain a blank name");
            }
        }
        return List.of(names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessRule r && r.kind == kind && r.noRole == noRole && r.anyRole.equals(anyRole)
                && r.allPermissions.equals(allPermissions) && r.signedInWithin.equals(signedInWithin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, anyRole, noRole, allPermissions, signedInWithin);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PERMIT_ALL -> "AccessRule{permitAll}";
            case DENY_ALL -> "AccessRule{denyAll}";
            case SIGNED_IN -> "AccessRule{signedIn" + (noRole ? ", noRole" : anyRole.isEmpty() ? "" : ", anyRole=" + anyRole)
                    + (allPermissions.isEmpty() ? "" : ", allPermissions=" + allPermissions)
                    + signedInWithin.map(d -> ", signedInWithin=" + d.getSeconds() + "s").orElse("") + "}";
        };
    }
}
