package dev.authkit.testkit;

import java.util.List;
import java.util.Map;

/**
 * The users and organizations {@code FakeWorkOS.builder().withDemoData()} seeds, with fixed ids so
 * a demo or a test can name them.
 *
 * <ul>
 * <li>{@code user_alice}, alice@example.com: admin of Acme (all permissions), member of Globex;</li>
 * <li>{@code user_bob}, bob@example.com: member of Acme (read only);</li>
 * <li>{@code user_carol}, carol@example.com: in no organization;</li>
 * <li>{@code org_acme} "Acme Corp": entitlement {@code audit-logs}, feature flags
 *     {@code new-dashboard} and {@code beta-reports};</li>
 * <li>{@code org_globex} "Globex": feature flag {@code new-dashboard};</li>
 * <li>{@code org_initech} "Initech": requires SSO, so switching into it asks to sign in again.</li>
 * </ul>
 */
public final class DemoData {
    public static final String ALICE = "user_alice";
    public static final String BOB = "user_bob";
    public static final String CAROL = "user_carol";
    public static final String ACME = "org_acme";
    public static final String GLOBEX = "org_globex";
    public static final String INITECH = "org_initech";

    private DemoData() {
    }

    static void seed(FakeWorkOS fake) {
        FakeUser alice = fake.addUser(FakeUser.builder("alice@example.com").id(ALICE).name("Alice", "Anders")
                .metadata(Map.of("team", "platform")));
        FakeUser bob = fake.addUser(FakeUser.builder("bob@example.com").id(BOB).name("Bob", "Brown"));
        fake.addUser(FakeUser.builder("carol@example.com").id(CAROL).name("Carol", "Chen"));
        FakeOrganization acme = fake.addOrganization(new FakeOrganization(ACME, "Acme Corp",
                List.of("audit-logs"), List.of("new-dashboard", "beta-reports"), null));
        FakeOrganization globex = fake.addOrganization(new FakeOrganization(GLOBEX, "Globex",
                List.of(), List.of("new-dashboard"), null));
        FakeOrganization initech = fake.addOrganization(new FakeOrganization(INITECH, "Initech",
                List.of(), List.of(), FakeOrganization.Requirement.SSO));
        fake.addMembership(alice, acme, List.of("admin", "member"),
                List.of("posts:read", "posts:write", "users:manage", "audit-logs:read"));
        fake.addMembership(alice, globex, "member", "posts:read");
        fake.addMembership(alice, initech, "member", "posts:read");
        fake.addMembership(bob, acme, "member", "posts:read");
    }
}
