package dev.authkit.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Seeds a user whose access token is large: a member of a big organization with many permissions,
 * feature flags and entitlements, and of a small one to switch to. The names look like real ones
 * (a resource, an action: {@code reports-017:export}, about 19 characters), so that compression is
 * measured on realistic text, not on repeats.
 *
 * <pre>{@code
 * LargeOrganization.Seeded big = LargeOrganization.seed(fake, "dana@example.com", 400, 60, 40);
 * fake.signIn(big.user(), big.large());
 * }</pre>
 */
public final class LargeOrganization {
    private static final String[] RESOURCES = {"reports", "invoices", "projects", "documents", "customers",
        "contracts", "payments", "webhooks", "api-keys", "audit-logs", "dashboards", "analytics", "teams", "billing",
        "settings", "exports", "imports", "schedules", "tickets", "releases"};
    private static final String[] ACTIONS = {"read", "write", "delete", "export", "approve", "share", "admin", "create"};

    private LargeOrganization() {
    }

    /** @param user the seeded user; @param large the big organization; @param small an organization with one permission */
    public record Seeded(FakeUser user, FakeOrganization large, FakeOrganization small) {
    }

    /** The {@code i}-th permission name: resource, a three-digit area, an action. */
    public static String permission(int i) {
        return RESOURCES[i % RESOURCES.length] + "-" + String.format("%03d", i / (RESOURCES.length * ACTIONS.length))
                + ":" + ACTIONS[(i / RESOURCES.length) % ACTIONS.length];
    }

    /**
     * Adds a user (id {@code user_} + the local part of {@code email}) who is a member of a large
     * organization with {@code permissions} permissions, {@code featureFlags} flags and
     * {@code entitlements} entitlements, and of a small organization with one permission.
     */
    public static Seeded seed(FakeWorkOS fake, String email, int permissions, int featureFlags, int entitlements) {
        String local = email.substring(0, email.indexOf('@'));
        FakeUser user = fake.addUser(FakeUser.builder(email).id("user_" + local).name("Dana", "Large"));
        List<String> perms = new ArrayList<>();
        for (int i = 0; i < permissions; i++) {
            perms.add(permission(i));
        }
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < featureFlags; i++) {
            flags.add("flag-" + RESOURCES[i % RESOURCES.length] + "-beta-" + i);
        }
        List<String> ents = new ArrayList<>();
        for (int i = 0; i < entitlements; i++) {
            ents.add("entitlement-" + RESOURCES[i % RESOURCES.length] + "-" + i);
        }
        FakeOrganization large = fake.addOrganization(new FakeOrganization("org_large_" + local, "Large Corp " + local,
                ents, flags, null));
        FakeOrganization small = fake.addOrganization(new FakeOrganization("org_small_" + local, "Small Shop " + local,
                List.of(), List.of(), null));
        fake.addMembership(user, large, List.of("admin", "member"), perms);
        fake.addMembership(user, small, "member", "posts:read");
        return new Seeded(user, large, small);
    }
}
