package dev.authkit.testkit.internal.store;

import dev.authkit.testkit.FakeMembership;
import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.OAuthTokens;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The seeded directory of a FakeWorkOS: users, organizations, memberships, each user's last
 * sign-in and upstream OAuth tokens. Users and organizations keep their seeding order (the hosted
 * page lists users in it; a user's first membership is the organization a sign-in lands in).
 * Thread-safe.
 */
public final class Directory {
    /** One counter for {@code user_<n>} and {@code org_<n>}, as the fake has always numbered them. */
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, FakeUser> users = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Instant> lastSignIn = new ConcurrentHashMap<>();
    private final Map<String, FakeOrganization> organizations = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<FakeMembership> memberships = new CopyOnWriteArrayList<>();
    private final Map<String, OAuthTokens> oauthTokens = new ConcurrentHashMap<>();

    /** The next number for an id the fake assigns; starts at 1, and again after {@link #clear()}. */
    public int nextId() {
        return ids.incrementAndGet();
    }

    /** Adds or replaces (by id) {@code user}; an email address (any case) belongs to one user only. */
    public FakeUser addUser(FakeUser user) {
        synchronized (users) {
            boolean emailTaken = users.values().stream()
                    .anyMatch(u -> u.email().equalsIgnoreCase(user.email()) && !u.id().equals(user.id()));
            if (emailTaken) {
                throw new IllegalArgumentException("a user with email " + user.email() + " is already seeded");
            }
            users.put(user.id(), user);
        }
        return user;
    }

    public Optional<FakeUser> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    public Optional<FakeUser> userByEmail(String email) {
        synchronized (users) {
            return users.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst();
        }
    }

    /** Every user, in seeding order. */
    public List<FakeUser> users() {
        synchronized (users) {
            return List.copyOf(users.values());
        }
    }

    /** Adds or replaces (by id) {@code organization}. */
    public FakeOrganization addOrganization(FakeOrganization organization) {
        organizations.put(organization.id(), Objects.requireNonNull(organization, "organization"));
        return organization;
    }

    public Optional<FakeOrganization> organization(String id) {
        return Optional.ofNullable(organizations.get(id));
    }

    /** Adds {@code membership}, replacing the user's earlier membership of the same organization. */
    public FakeMembership addMembership(FakeMembership membership) {
        memberships.removeIf(x -> x.userId().equals(membership.userId())
                && x.organizationId().equals(membership.organizationId()));
        memberships.add(membership);
        return membership;
    }

    public List<FakeMembership> memberships(String userId) {
        return memberships.stream().filter(m -> m.userId().equals(userId)).collect(Collectors.toList());
    }

    public Optional<FakeMembership> membership(String userId, String organizationId) {
        return memberships.stream()
                .filter(m -> m.userId().equals(userId) && m.organizationId().equals(organizationId)).findFirst();
    }

    /** The organization of the user's oldest membership: where a sign-in without an organization lands. */
    public Optional<FakeOrganization> firstOrganization(String userId) {
        return memberships.stream().filter(m -> m.userId().equals(userId)).findFirst()
                .map(m -> organizations.get(m.organizationId()));
    }

    /** Throws unless {@code user} and {@code organization} ({@code null} for none) are seeded here. */
    public void requireSeeded(FakeUser user, FakeOrganization organization) {
        if (!users.containsKey(user.id())) {
            throw new IllegalArgumentException("user " + user.id() + " is not seeded in this FakeWorkOS");
        }
        if (organization != null) {
            requireSeeded(organization);
        }
    }

    /** Throws unless {@code organization} is seeded here. */
    public void requireSeeded(FakeOrganization organization) {
        if (!organizations.containsKey(organization.id())) {
            throw new IllegalArgumentException("organization " + organization.id() + " is not seeded in this FakeWorkOS");
        }
    }

    public void setOAuthTokens(String userId, OAuthTokens tokens) {
        oauthTokens.put(userId, Objects.requireNonNull(tokens, "tokens"));
    }

    public Optional<OAuthTokens> oauthTokens(String userId) {
        return Optional.ofNullable(oauthTokens.get(userId));
    }

    public void recordSignIn(String userId, Instant at) {
        lastSignIn.put(userId, at);
    }

    /** When the user last signed in (a session was opened for them); empty before the first time. */
    public Optional<Instant> lastSignIn(String userId) {
        return Optional.ofNullable(lastSignIn.get(userId));
    }

    /** Forgets everything and restarts the id counter. */
    public void clear() {
        users.clear();
        lastSignIn.clear();
        organizations.clear();
        memberships.clear();
        oauthTokens.clear();
        ids.set(0);
    }
}
