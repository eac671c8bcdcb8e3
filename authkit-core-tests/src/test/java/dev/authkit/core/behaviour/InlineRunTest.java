package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.CacheStats;
import dev.authkit.core.Outcome;
import dev.authkit.core.RevocationList;
import dev.authkit.core.SessionStore;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AuthKit#handleWithoutBlocking}: what a reactive adapter runs on its event loop. The hot
 * path (a known session, public pages, sign-in redirects) is answered inline as {@code handle}
 * answers it; anything that may block declines, and a declined attempt leaves no trace: no request
 * reached WorkOS (the fake's journal, JWKS included), no event was emitted, no store or
 * revocation list was asked, no cache lookup was counted. Then {@code handle} (on a worker) does
 * the work exactly once.
 */
class InlineRunTest extends BehaviourTest {
    final List<AuthKitEvent> events = new CopyOnWriteArrayList<>();
    IssuedSession alice;
    /** Alice's cookie, sealed once: a browser sends the same value until it is replaced. */
    String aliceCookie;

    @BeforeEach
    void session() {
        alice = fake.signIn(h.user(DemoData.ALICE));
        aliceCookie = alice.cookieValue(Harness.PASSWORD);
    }

    AuthKit.Builder kit() {
        return h.authKit().events(events::add);
    }

    TestRequest page(String path) {
        return TestRequest.get(APP + path).cookie("wos-session", aliceCookie);
    }

    /** The attempt declines without a trace; then {@code handle} answers. */
    Outcome declinedThenHandled(AuthKit kit, TestRequest request) {
        int calls = fake.requests().size();
        int emitted = events.size();
        Map<String, List<Long>> lookups = lookups(kit);
        assertThat(kit.handleWithoutBlocking(request)).as("declined").isEmpty();
        assertThat(fake.requests()).as("requests at WorkOS").hasSize(calls);
        assertThat(events).as("events").hasSize(emitted);
        assertThat(lookups(kit)).as("cache lookups counted").isEqualTo(lookups);
        return kit.handle(request);
    }

    static Map<String, List<Long>> lookups(AuthKit kit) {
        return kit.caches().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
            CacheStats s = e.getValue();
            return List.of(s.hits(), s.misses());
        }));
    }

    static Outcome.Continue continued(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Continue.class);
        return (Outcome.Continue) o;
    }

    @Test
    void aKnownSessionIsAnsweredInlineAsHandleAnswersIt() {
        AuthKit kit = kit().build();
        // never seen: its token's RSA check may fetch the JWKS
        assertThat(continued(declinedThenHandled(kit, page("/account"))).auth().isSignedIn()).isTrue();
        int calls = fake.requests().size();
        long hits = kit.caches().get("sessions").hits();
        Outcome.Continue inline = continued(kit.handleWithoutBlocking(page("/account")).orElseThrow());
        assertThat(inline.auth().user()).isEqualTo(continued(kit.handle(page("/account"))).auth().user());
        assertThat(inline.auth().user().orElseThrow().id()).isEqualTo(alice.user().id());
        assertThat(inline.cookies()).isEmpty();
        assertThat(fake.requests()).hasSize(calls);
        assertThat(kit.caches().get("sessions").hits()).isEqualTo(hits + 2);
    }

    @Test
    void aCookieNeverSeenWithATokenVerifiedBeforeIsAnsweredInlineAndItsMissCountedOnce() {
        AuthKit kit = kit().build();
        kit.handle(page("/account"));
        // the same session sealed again: a new cookie (session cache miss), a token verified before
        TestRequest resealed = withSession(TestRequest.get(APP + "/account"), alice.toSession());
        long misses = kit.caches().get("sessions").misses();
        assertThat(continued(kit.handleWithoutBlocking(resealed).orElseThrow()).auth().isSignedIn()).isTrue();
        assertThat(kit.caches().get("sessions").misses()).isEqualTo(misses + 1);
    }

    @Test
    void signedOutRequestsArePublicPagesAndSignInRedirectsAreInline() {
        AuthKit kit = kit().middlewareAuth(true).unauthenticatedPaths("/").build();
        assertThat(continued(kit.handleWithoutBlocking(TestRequest.get(APP + "/")).orElseThrow()).auth().isSignedIn())
                .isFalse();
        assertThat(kit.handleWithoutBlocking(TestRequest.get(APP + "/admin").html()).orElseThrow())
                .isInstanceOf(Outcome.Redirect.class);
        assertThat(kit.handleWithoutBlocking(TestRequest.get(APP + "/auth/sign-in").html()).orElseThrow())
                .isInstanceOf(Outcome.Redirect.class);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aStaleSessionDeclinesAndTheWorkerRefreshesItOnce() {
        AuthKit kit = kit().build();
        kit.handle(page("/account"));
        fake.clock().advance(fake.accessTokenLifetime().plusSeconds(5));
        Outcome.Continue refreshed = continued(declinedThenHandled(kit, page("/account")));
        assertThat(refreshed.auth().isSignedIn()).isTrue();
        assertThat(refreshed.cookies()).anySatisfy(c -> assertThat(c.name()).isEqualTo("wos-session"));
        assertThat(fake.refreshCalls()).isEqualTo(1);
        assertThat(events).filteredOn(e -> e instanceof AuthKitEvent.SessionRefreshed).hasSize(1);
    }

    @Test
    void aCachedSessionDueForAnEarlyRefreshDeclinesWithoutCountingItsCacheHit() {
        AuthKit kit = kit().build();
        kit.handle(page("/account"));
        kit.handle(page("/account")); // from the session cache
        fake.clock().advance(fake.accessTokenLifetime().minusSeconds(10)); // inside the refresh buffer, still cached
        assertThat(continued(declinedThenHandled(kit, page("/account"))).auth().isSignedIn()).isTrue();
        assertThat(fake.refreshCalls()).isEqualTo(1);
    }

    @Test
    void theCallbackSignOutAndTheWebhookRouteDecline() {
        AuthKit kit = kit().build();
        Outcome callback = declinedThenHandled(kit, TestRequest.get(APP + "/callback?code=nope&state=nope"));
        assertThat(callback).isNotInstanceOf(Outcome.Continue.class);
        Outcome signOut = declinedThenHandled(kit, TestRequest.post(APP + "/auth/sign-out").cookie("wos-session", aliceCookie)
                .header("Origin", APP));
        assertThat(signOut).isInstanceOf(Outcome.Redirect.class);
        assertThat(events).filteredOn(e -> e instanceof AuthKitEvent.SignedOut).hasSize(1);
        declinedThenHandled(kit, TestRequest.post(APP + "/auth/webhooks/workos"));
    }

    @Test
    void jsonEndpointsThatCallWorkOSDeclineAndThoseThatReadTheSessionAreInline() {
        AuthKit kit = kit().build();
        kit.handle(page("/"));
        for (String endpoint : List.of("/refresh", "/switch-organization?organizationId=org_x", "/sign-out",
                "/sign-out-everywhere", "/access-token/refresh")) {
            declinedThenHandled(kit, TestRequest.post(APP + "/auth/api" + endpoint).cookie("wos-session", aliceCookie).header("Origin", APP));
        }
        declinedThenHandled(kit, page("/auth/api/organization?organizationId=org_x"));
        for (String endpoint : List.of("/session", "/auth", "/access-token")) {
            Optional<Outcome> inline = kit.handleWithoutBlocking(page("/auth/api" + endpoint));
            assertThat(inline).as(endpoint).isPresent();
        }
    }

    @Test
    void aBearerTokenIsInlineOnceVerifiedAndItsFirstCheckDeclinesWithoutFetchingTheJwks() {
        AuthKit kit = kit().acceptBearerTokens(true).build();
        TestRequest bearer = TestRequest.get(APP + "/api/things").header("Authorization", "Bearer " + alice.accessToken());
        assertThat(continued(declinedThenHandled(kit, bearer)).auth().isSignedIn()).isTrue();
        assertThat(fake.requests()).as("the worker fetched the JWKS").isNotEmpty();
        assertThat(continued(kit.handleWithoutBlocking(bearer).orElseThrow()).auth().isSignedIn()).isTrue();
    }

    /** A revocation list that is not in memory (as Redis): blocking unless it says otherwise. */
    static final class CountingList implements RevocationList {
        final RevocationList inner;
        final boolean nonBlocking;
        final AtomicInteger reads = new AtomicInteger();

        CountingList(RevocationList inner, boolean nonBlocking) {
            this.inner = inner;
            this.nonBlocking = nonBlocking;
        }

        @Override
        public void revoke(String sessionId, Instant until) {
            inner.revoke(sessionId, until);
        }

        @Override
        public boolean isRevoked(String sessionId) {
            reads.incrementAndGet();
            return inner.isRevoked(sessionId);
        }

        @Override
        public boolean nonBlocking() {
            return nonBlocking;
        }
    }

    @Test
    void aBlockingRevocationListIsNeverAskedInline() {
        CountingList list = new CountingList(RevocationList.inProcess(fake.clock()), false);
        AuthKit kit = kit().revocationList(list).build();
        kit.handle(page("/account"));
        int reads = list.reads.get();
        assertThat(continued(declinedThenHandled(kit, page("/account"))).auth().isSignedIn()).isTrue();
        assertThat(list.reads.get()).as("only by the worker's handle").isEqualTo(reads + 1);
        assertThat(kit.handleWithoutBlocking(TestRequest.get(APP + "/")).orElseThrow())
                .as("no cookie: the list is not needed").isInstanceOf(Outcome.Continue.class);
    }

    @Test
    void aNonBlockingRevocationListIsAskedInlineAndARevokedSessionEndsThereOnce() {
        CountingList list = new CountingList(RevocationList.inProcess(fake.clock()), true);
        AuthKit kit = kit().revocationList(list).build();
        kit.handle(page("/account"));
        list.revoke(alice.sessionId(), fake.clock().instant().plusSeconds(300));
        Outcome.Continue out = continued(kit.handleWithoutBlocking(page("/account")).orElseThrow());
        assertThat(out.auth().isSignedIn()).isFalse();
        assertThat(out.cookies()).anySatisfy(c -> assertThat(c.isDeletion()).isTrue());
        assertThat(events).filteredOn(e -> e instanceof AuthKitEvent.SessionRevoked).hasSize(1);
        assertThat(RevocationList.inProcess(fake.clock()).nonBlocking()).as("the default list is in memory").isTrue();
    }

    /** A session store; blocking (as Redis) unless it says otherwise; counts every call. */
    static final class CountingStore implements SessionStore {
        final Map<String, String> entries = new ConcurrentHashMap<>();
        final boolean nonBlocking;
        final AtomicInteger calls = new AtomicInteger();

        CountingStore(boolean nonBlocking) {
            this.nonBlocking = nonBlocking;
        }

        @Override
        public Optional<String> load(String id) {
            calls.incrementAndGet();
            return Optional.ofNullable(entries.get(id));
        }

        @Override
        public void save(String id, String sealedSession, Duration ttl) {
            calls.incrementAndGet();
            entries.put(id, sealedSession);
        }

        @Override
        public void delete(String id) {
            calls.incrementAndGet();
            entries.remove(id);
        }

        @Override
        public boolean nonBlocking() {
            return nonBlocking;
        }
    }

    /** The store-reference cookie of {@code s}, written as a sign-in writes it. */
    static TestRequest storedSession(AuthKit kit, String path, IssuedSession s) {
        List<SetCookie> written = new ArrayList<>(kit.sessions().saveSessionCookies(TestRequest.get(APP + "/"), s.toSession()));
        TestRequest r = TestRequest.get(APP + path);
        for (SetCookie c : written) {
            if (!c.isDeletion()) {
                r = r.cookie(c.name(), c.value());
            }
        }
        return r;
    }

    @Test
    void aSessionInABlockingStoreIsReadOnAWorkerOnly() {
        CountingStore store = new CountingStore(false);
        AuthKit kit = kit().sessionStore(store).build();
        TestRequest request = storedSession(kit, "/account", alice);
        assertThat(store.entries).hasSize(1);
        int calls = store.calls.get();
        assertThat(continued(declinedThenHandled(kit, request)).auth().isSignedIn()).isTrue();
        assertThat(store.calls.get()).as("one load, by the worker").isEqualTo(calls + 1);
        assertThat(kit.handleWithoutBlocking(request)).as("every time: the entry may be gone").isEmpty();
    }

    @Test
    void aSessionInANonBlockingStoreIsReadInline() {
        CountingStore store = new CountingStore(true);
        AuthKit kit = kit().sessionStore(store).build();
        TestRequest request = storedSession(kit, "/account", alice);
        kit.handle(request); // verifies the token
        Outcome.Continue inline = continued(kit.handleWithoutBlocking(request).orElseThrow());
        assertThat(inline.auth().isSignedIn()).isTrue();
    }

    @Test
    void aBlockingStoreIsNotWrittenInlineWhenALimitRenewsTheLastSeenTime() {
        CountingStore store = new CountingStore(false);
        AuthKit kit = kit().sessionStore(store).inactivityTimeout(Duration.ofHours(1)).build();
        // a plain cookie (no reference): readable without the store, but the renewal would save to it
        TestRequest plain = page("/account");
        kit.handle(plain);
        int calls = store.calls.get();
        declinedThenHandled(kit, plain);
        assertThat(store.calls.get()).as("the worker's renewal only").isEqualTo(calls + 1);
    }
}
