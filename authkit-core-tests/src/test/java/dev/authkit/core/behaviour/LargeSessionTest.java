package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.Header;
import dev.authkit.core.Outcome;
import dev.authkit.core.SessionStore;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.FakeUser;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.LargeOrganization;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions larger than one cookie (issue 19): chunked cookies, the too-large error page, and a
 * server-side session store; the form written last wins and every stale cookie is deleted.
 */
class LargeSessionTest extends BehaviourTest {
    /** What a browser keeps: name to value, deletions applied. */
    static final class Jar {
        final Map<String, String> cookies = new LinkedHashMap<>();

        Outcome apply(Outcome o) {
            for (SetCookie c : o.cookies()) {
                assertThat(c.headerValue().length()).as("Set-Cookie of %s", c.name()).isLessThanOrEqualTo(4096);
                if (c.isDeletion()) {
                    cookies.remove(c.name());
                } else {
                    String h = c.headerValue();
                    cookies.put(c.name(), h.substring(c.name().length() + 1, h.indexOf(';')));
                }
            }
            return o;
        }

        TestRequest onto(TestRequest r) {
            for (Map.Entry<String, String> e : cookies.entrySet()) {
                r = r.cookie(e.getKey(), e.getValue());
            }
            return r;
        }

        Map<String, String> session() {
            return cookies.entrySet().stream().filter(e -> e.getKey().startsWith("wos-session"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        }

        int cookieHeaderBytes() {
            return cookies.entrySet().stream().mapToInt(e -> e.getKey().length() + 1 + e.getValue().length() + 2).sum();
        }
    }

    /** An in-memory store that can be taken down. */
    static final class MemoryStore implements SessionStore {
        final Map<String, String> entries = new ConcurrentHashMap<>();
        volatile boolean down;

        @Override
        public Optional<String> load(String id) {
            check();
            return Optional.ofNullable(entries.get(id));
        }

        @Override
        public void save(String id, String sealedSession, Duration ttl) {
            check();
            entries.put(id, sealedSession);
        }

        @Override
        public void delete(String id) {
            check();
            entries.remove(id);
        }

        private void check() {
            if (down) {
                throw new SessionStore.UnavailableException("memory store down", null);
            }
        }
    }

    AuthKit authKit;
    LargeOrganization.Seeded big;

    @BeforeEach
    void setUp() {
        big = LargeOrganization.seed(fake, "dana@example.com", 400, 60, 40);
        authKit = h.authKit().middlewareAuth(true).unauthenticatedPaths("/", "/public").build();
    }

    /** Signs {@code user} in through the hosted page and the callback route, into {@code jar}. */
    Outcome signIn(AuthKit kit, Jar jar, FakeUser user) {
        AuthorizationRedirect in = kit.flow().signInUrl(TestRequest.get(APP + "/"), SignInOptions.builder().build());
        in.cookies().forEach(c -> jar.cookies.put(c.name(), c.value()));
        String callback = h.chooseUser(in.url(), user);
        return jar.apply(kit.flow().handleCallback(jar.onto(TestRequest.get(callback)), CallbackOptions.defaults()));
    }

    Outcome page(AuthKit kit, Jar jar, String path) {
        return jar.apply(kit.handle(jar.onto(TestRequest.get(APP + path).html())));
    }

    @Test
    void aSessionOfFourHundredPermissionsIsWrittenInChunksReadBackAndSignedOutCompletely() {
        Jar jar = new Jar();
        assertThat(signIn(authKit, jar, big.user())).isInstanceOf(Outcome.Redirect.class);
        assertThat(jar.session()).containsOnlyKeys("wos-session.0", "wos-session.1");
        assertThat(jar.cookieHeaderBytes()).as("the whole Cookie header").isLessThan(6144 + 700);
        Outcome account = page(authKit, jar, "/account");
        assertThat(account).isInstanceOf(Outcome.Continue.class);
        Outcome.Continue c = (Outcome.Continue) account;
        assertThat(c.auth().permissions()).hasSize(400);
        assertThat(c.auth().featureFlags()).hasSize(60);
        assertThat(c.auth().entitlements()).hasSize(40);
        // a refresh keeps it chunked and signed in
        fake.clock().advance(Duration.ofMinutes(10));
        Outcome refreshed = page(authKit, jar, "/account");
        assertThat(refreshed).isInstanceOf(Outcome.Continue.class);
        assertThat(refreshed.cookies()).extracting(SetCookie::name).contains("wos-session.0");
        assertThat(jar.session()).containsOnlyKeys("wos-session.0", "wos-session.1");
        // sign-out deletes every chunk
        Outcome out = jar.apply(authKit.handle(jar.onto(TestRequest.post(APP + "/auth/sign-out").header("Origin", APP))));
        assertThat(out.cookies()).filteredOn(SetCookie::isDeletion).extracting(SetCookie::name)
                .contains("wos-session", "wos-session.0", "wos-session.1");
        assertThat(jar.session()).isEmpty();
    }

    @Test
    void switchingToASmallOrganizationShrinksToThePlainCookieAndDeletesEveryChunk() {
        Jar jar = new Jar();
        signIn(authKit, jar, big.user());
        assertThat(jar.session()).containsOnlyKeys("wos-session.0", "wos-session.1");
        Outcome.Continue before = (Outcome.Continue) page(authKit, jar, "/account");
        Outcome switched = jar.apply(authKit.switchToOrganization(jar.onto(TestRequest.get(APP + "/account").html()),
                before.auth(), big.small().id(), Optional.of("/account")));
        assertThat(switched).isInstanceOf(Outcome.Redirect.class);
        assertThat(switched.cookies()).filteredOn(SetCookie::isDeletion).extracting(SetCookie::name)
                .containsExactlyInAnyOrder("wos-session.0", "wos-session.1");
        assertThat(jar.session()).containsOnlyKeys("wos-session");
        Outcome.Continue after = (Outcome.Continue) page(authKit, jar, "/account");
        assertThat(after.auth().organizationId()).contains(big.small().id());
    }

    @Test
    void aSessionThatFitsIsOnePlainCookieAndDeletesChunksLeftFromALargerOne() {
        Jar jar = new Jar();
        signIn(authKit, jar, big.user());
        Map<String, String> chunks = jar.session();
        Jar small = new Jar();
        small.cookies.putAll(chunks);
        signIn(authKit, small, h.user(DemoData.ALICE));
        assertThat(small.session()).containsOnlyKeys("wos-session");
        Outcome.Continue alice = (Outcome.Continue) page(authKit, small, "/account");
        assertThat(alice.auth().userId()).contains(DemoData.ALICE);
    }

    @Test
    void whenBothFormsArePresentTheOneWrittenLastWinsAndTheOtherIsDeleted() {
        Jar jar = new Jar();
        signIn(authKit, jar, big.user());
        fake.clock().advance(Duration.ofSeconds(2));
        IssuedSession alice = fake.signIn(h.user(DemoData.ALICE));
        // a Next.js app on the same domain wrote the plain cookie later: its session wins
        jar.cookies.put("wos-session", alice.cookieValue(Harness.PASSWORD));
        Outcome o = page(authKit, jar, "/account");
        assertThat(((Outcome.Continue) o).auth().userId()).contains(DemoData.ALICE);
        assertThat(o.cookies()).filteredOn(SetCookie::isDeletion).extracting(SetCookie::name)
                .containsExactlyInAnyOrder("wos-session.0", "wos-session.1");
        // the other way round: chunks written after an older plain cookie win
        Jar second = new Jar();
        second.cookies.put("wos-session", fake.signIn(h.user(DemoData.BOB)).cookieValue(Harness.PASSWORD));
        fake.clock().advance(Duration.ofSeconds(2));
        Jar chunked = new Jar();
        signIn(authKit, chunked, big.user());
        second.cookies.putAll(chunked.session());
        Outcome p = page(authKit, second, "/account");
        assertThat(((Outcome.Continue) p).auth().userId()).contains(big.user().id());
        assertThat(p.cookies()).filteredOn(SetCookie::isDeletion).extracting(SetCookie::name).containsExactly("wos-session");
    }

    @Test
    void aStaleChunkBeyondTheCountIsDeletedNotJoined() {
        Jar jar = new Jar();
        signIn(authKit, jar, big.user());
        jar.cookies.put("wos-session.2", "leftover-from-an-older-session");
        Outcome o = page(authKit, jar, "/account");
        assertThat(o).isInstanceOf(Outcome.Continue.class);
        assertThat(o.cookies()).filteredOn(SetCookie::isDeletion).extracting(SetCookie::name).containsExactly("wos-session.2");
    }

    @Test
    void pastTheCapTheUserGetsAnErrorPageNamingTheStoreNotALoop() {
        FakeUser hugo = variedPermissions("hugo@example.com", 400);
        Jar jar = new Jar();
        Outcome o = signIn(authKit, jar, hugo);
        assertThat(o).isInstanceOf(Outcome.Respond.class);
        Outcome.Respond r = (Outcome.Respond) o;
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).contains("session store").contains("AUTHKIT_SESSION_STORE_URI");
        assertThat(jar.session()).isEmpty();
        assertThat(o.cookies()).noneMatch(c -> c.name().startsWith("wos-session") && !c.isDeletion());
    }

    /** A user whose permission names share little (hex digests): the worst case for compression. */
    FakeUser variedPermissions(String email, int count) {
        FakeUser u = fake.addUser(FakeUser.builder(email).id("user_" + email.substring(0, email.indexOf('@'))));
        FakeOrganization org = fake.addOrganization("Varied " + email);
        List<String> perms = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            perms.add(String.format("p%08x:%08x", (i * 0x9E3779B1) ^ 0x5bd1e995, i * 0x85ebca6b));
        }
        fake.addMembership(u, org, List.of("member"), perms);
        return u;
    }

    /** The cookie bytes a signed-in user's session takes, and its form; printed as the figures of the issue. */
    Jar signedIn(FakeUser user) {
        Jar jar = new Jar();
        signIn(authKit, jar, user);
        return jar;
    }

    @Test
    void measuredSizesAndWhereTheCapIsReached() {
        StringBuilder report = new StringBuilder("\n[large-sessions] permissions (realistic names) -> session cookies\n");
        int firstChunked = -1;
        int firstTooLarge = -1;
        for (int n : new int[] {0, 50, 55, 56, 100, 400, 800, 1200, 1600, 2000, 2400, 2800}) {
            LargeOrganization.Seeded seeded = LargeOrganization.seed(fake, "m" + n + "@example.com", n, 60, 40);
            Jar jar = signedIn(seeded.user());
            Map<String, String> s = jar.session();
            int bytes = s.entrySet().stream().mapToInt(e -> e.getKey().length() + 1 + e.getValue().length()).sum();
            int plain = authKit.sessions().saveSession(TestRequest.get(APP + "/"),
                    fake.signIn(seeded.user(), seeded.large()).toSession()).headerValue().length();
            report.append(String.format("  %5d permissions, 60 flags, 40 entitlements: plain Set-Cookie %d bytes; %s, %d bytes%n",
                    n, plain, s.isEmpty() ? "TOO LARGE (error page)" : String.join("+", s.keySet()), bytes));
            if (firstChunked < 0 && s.containsKey("wos-session.0")) {
                firstChunked = n;
            }
            if (firstTooLarge < 0 && s.isEmpty()) {
                firstTooLarge = n;
            }
        }
        for (int n : new int[] {100, 200, 300, 400}) {
            Jar jar = signedIn(variedPermissions("v" + n + "@example.com", n));
            Map<String, String> s = jar.session();
            int bytes = s.entrySet().stream().mapToInt(e -> e.getKey().length() + 1 + e.getValue().length()).sum();
            report.append(String.format("  %5d varied (hex) permissions: %s, %d bytes%n", n,
                    s.isEmpty() ? "TOO LARGE (error page)" : String.join("+", s.keySet()), bytes));
        }
        // the cap, to one permission: the last count that still signs in
        int low = 400;
        int high = firstTooLarge;
        int lowBytes = 0;
        while (high - low > 1) {
            int mid = (low + high) / 2;
            Map<String, String> s = signedIn(LargeOrganization.seed(fake, "b" + mid + "@example.com", mid, 60, 40).user())
                    .session();
            if (s.isEmpty()) {
                high = mid;
            } else {
                low = mid;
                lowBytes = s.entrySet().stream().mapToInt(e -> e.getKey().length() + 1 + e.getValue().length()).sum();
            }
        }
        report.append(String.format("  cap: %d permissions signed in (two chunks, %d bytes), %d did not%n", low, lowBytes,
                high));
        System.out.println(report);
        assertThat(firstChunked).as("60 flags and 40 entitlements alone pass 4,096 bytes").isZero();
        assertThat(firstTooLarge).isGreaterThan(400);
    }

    @Test
    void withAStoreTheCookieIsASmallReferenceAndSignOutKillsEveryCopy() {
        MemoryStore store = new MemoryStore();
        AuthKit one = h.authKit().middlewareAuth(true).unauthenticatedPaths("/", "/public").sessionStore(store).build();
        AuthKit two = h.authKit().middlewareAuth(true).unauthenticatedPaths("/", "/public").sessionStore(store).build();
        Jar jar = new Jar();
        signIn(one, jar, big.user());
        assertThat(jar.session()).containsOnlyKeys("wos-session");
        assertThat(jar.session().get("wos-session").length()).isLessThan(512);
        assertThat(store.entries).hasSize(1);
        assertThat(store.entries.values().iterator().next()).doesNotContain(big.user().email()).startsWith("Fe26.2*");
        assertThat(((Outcome.Continue) page(two, jar, "/account")).auth().permissions()).hasSize(400);
        // a refresh keeps the entry's id: a copy of the cookie taken before it still reads the session
        Jar copy = new Jar();
        copy.cookies.putAll(jar.cookies);
        fake.clock().advance(Duration.ofMinutes(10));
        assertThat(page(one, jar, "/account")).isInstanceOf(Outcome.Continue.class);
        assertThat(store.entries).hasSize(1);
        assertThat(page(two, copy, "/account")).isInstanceOf(Outcome.Continue.class);
        // the store down: protected pages 503 with Retry-After, public ones signed out, nothing deleted
        store.down = true;
        Outcome down = page(one, jar, "/account");
        assertThat(down).isInstanceOf(Outcome.Respond.class);
        assertThat(((Outcome.Respond) down).status()).isEqualTo(503);
        assertThat(down.headers()).extracting(Header::name).contains("Retry-After");
        assertThat(down.cookies()).isEmpty();
        Outcome pub = page(two, jar, "/public");
        assertThat(((Outcome.Continue) pub).auth().isSignedIn()).isFalse();
        assertThat(pub.cookies()).isEmpty();
        store.down = false;
        assertThat(((Outcome.Continue) page(two, jar, "/account")).auth().isSignedIn()).isTrue();
        // sign-out on one instance: the copy is signed out on both
        jar.apply(one.handle(jar.onto(TestRequest.post(APP + "/auth/sign-out").header("Origin", APP))));
        assertThat(store.entries).isEmpty();
        assertThat(jar.session()).isEmpty();
        for (AuthKit kit : List.of(one, two)) {
            Outcome replay = kit.handle(copy.onto(TestRequest.get(APP + "/account").html()));
            assertThat(replay).isInstanceOf(Outcome.Redirect.class);
            assertThat(((Outcome.Redirect) replay).location()).startsWith(fake.baseUrl());
        }
    }

    @Test
    void aNewSignInGetsANewStoreIdAndDeletesThePreviousEntry() {
        MemoryStore store = new MemoryStore();
        AuthKit kit = h.authKit().middlewareAuth(true).sessionStore(store).build();
        Jar jar = new Jar();
        signIn(kit, jar, big.user());
        String firstId = store.entries.keySet().iterator().next();
        Jar planted = new Jar();
        planted.cookies.putAll(jar.cookies);
        signIn(kit, jar, h.user(DemoData.ALICE));
        assertThat(store.entries).hasSize(1).doesNotContainKey(firstId);
        // the cookie planted before the sign-in does not read the new session
        assertThat(kit.handle(planted.onto(TestRequest.get(APP + "/account").html()))).isInstanceOf(Outcome.Redirect.class);
        assertThat(((Outcome.Continue) page(kit, jar, "/account")).auth().userId()).contains(DemoData.ALICE);
    }

    @Test
    void aStoreEntryCopiedIntoACookieIsNoSession() {
        MemoryStore store = new MemoryStore();
        AuthKit kit = h.authKit().middlewareAuth(true).sessionStore(store).build();
        Jar jar = new Jar();
        signIn(kit, jar, big.user());
        String entry = store.entries.values().iterator().next();
        Jar forged = new Jar();
        forged.cookies.put("wos-session", entry);
        assertThat(kit.handle(forged.onto(TestRequest.get(APP + "/account").html()))).isInstanceOf(Outcome.Redirect.class);
        Jar chunks = new Jar();
        chunks.cookies.put("wos-session.0", "1." + entry);
        assertThat(kit.handle(chunks.onto(TestRequest.get(APP + "/account").html()))).isInstanceOf(Outcome.Redirect.class);
    }
}
