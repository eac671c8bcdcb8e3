package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.Auth;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.AuthKitEvent.CallResult;
import dev.authkit.core.AuthKitEvent.FailureKind;
import dev.authkit.core.AuthorizationRedirect;
import dev.authkit.core.CallbackOptions;
import dev.authkit.core.Outcome;
import dev.authkit.core.PathPolicy;
import dev.authkit.core.RefreshSuccess;
import dev.authkit.core.SetCookie;
import dev.authkit.core.SignInOptions;
import dev.authkit.core.WorkOSEndpoint;
import dev.authkit.core.WorkOSObserver;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every {@link AuthKitEvent}: emitted once per occurrence, with safe identifiers only, through one guarded sink. */
class EventsTest extends BehaviourTest {
    private final List<AuthKitEvent> events = new CopyOnWriteArrayList<>();

    private AuthKit authKit(Consumer<AuthKit.Builder> options) {
        AuthKit.Builder b = h.authKit().events(events::add);
        options.accept(b);
        return b.build();
    }

    private <T extends AuthKitEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aSignInIsOneSignedInOneCodeExchangeAndOneSessionSize() {
        AuthKit authKit = authKit(b -> { });
        AuthorizationRedirect redirect = authKit.flow().signInUrl(TestRequest.get(APP + "/login").html(), SignInOptions.defaults());
        SetCookie verifier = redirect.cookies().stream().filter(c -> c.name().startsWith("wos-auth-verifier-")).findFirst().orElseThrow();
        String callback = h.chooseUser(redirect.url(), h.user(DemoData.ALICE));
        Outcome o = authKit.flow().handleCallback(TestRequest.get(callback).cookie(verifier.name(), verifier.value()),
                CallbackOptions.defaults());
        SetCookie session = Harness.cookie(o, "wos-session").orElseThrow();

        assertThat(of(AuthKitEvent.SignedIn.class)).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo(DemoData.ALICE);
            assertThat(e.sessionId()).isPresent();
        });
        assertThat(of(AuthKitEvent.WorkOSCall.class)).singleElement().satisfies(e -> {
            assertThat(e.endpoint()).isEqualTo(WorkOSEndpoint.CODE_EXCHANGE);
            assertThat(e.result()).isEqualTo(CallResult.SUCCESS);
            assertThat(e.duration()).isPositive();
        });
        assertThat(of(AuthKitEvent.SessionSize.class)).singleElement()
                .satisfies(e -> assertThat(e.bytes()).isEqualTo(session.headerValue().length()));
        assertNoSecretIn(session.value());
    }

    @Test
    void tenConcurrentRequestsOnOneStaleSessionAreOneRefreshAndNineShared() throws Exception {
        List<RefreshSuccess> callbacks = new CopyOnWriteArrayList<>();
        AuthKit authKit = authKit(b -> b.onSessionRefreshSuccess(callbacks::add));
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        authKit.handle(withSession(TestRequest.get(APP + "/"), s)); // JWKS cached
        events.clear();
        fake.clock().advance(Duration.ofMinutes(6));
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.latency(Duration.ofMillis(300)));
        TestRequest stale = withSession(TestRequest.get(APP + "/"), s);

        List<Outcome> outcomes = SingleFlightRefreshTest.inParallel(10, () -> authKit.handle(stale));

        assertThat(outcomes).allSatisfy(o -> assertThat(((Outcome.Continue) o).auth().isSignedIn()).isTrue());
        assertThat(of(AuthKitEvent.SessionRefreshed.class)).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo(DemoData.ALICE);
            assertThat(e.sessionId()).contains(s.sessionId());
            assertThat(e.duration()).isPositive();
        });
        assertThat(of(AuthKitEvent.RefreshShared.class)).hasSize(9)
                .allSatisfy(e -> assertThat(e.userId()).isEqualTo(DemoData.ALICE));
        assertThat(callbacks).as("the callback is fed from the same place, once").hasSize(1);
        assertThat(of(AuthKitEvent.WorkOSCall.class)).singleElement()
                .satisfies(e -> assertThat(e.endpoint()).isEqualTo(WorkOSEndpoint.REFRESH));
        assertThat(of(AuthKitEvent.SessionSize.class)).as("each of the ten responses writes the new cookie").hasSize(10);
        assertThat(of(AuthKitEvent.RefreshFailed.class)).isEmpty();
    }

    @Test
    void aTransientAndATerminalRefreshFailureAreOneEventEach() {
        List<dev.authkit.core.RefreshFailure> errors = new ArrayList<>();
        AuthKit authKit = authKit(b -> b.onSessionRefreshError(errors::add));
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.clock().advance(Duration.ofMinutes(6));
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.serverError());
        authKit.handle(withSession(TestRequest.get(APP + "/"), s));
        assertThat(of(AuthKitEvent.RefreshFailed.class)).singleElement().satisfies(e -> {
            assertThat(e.failure()).isEqualTo(FailureKind.TRANSIENT);
            assertThat(e.sessionId()).contains(s.sessionId());
        });
        assertThat(of(AuthKitEvent.WorkOSUnavailable.class)).singleElement()
                .satisfies(e -> assertThat(e.endpoint()).isEqualTo(WorkOSEndpoint.REFRESH));

        events.clear();
        fake.revokeSession(s.sessionId());
        authKit.handle(withSession(TestRequest.get(APP + "/"), s));
        assertThat(of(AuthKitEvent.RefreshFailed.class)).singleElement().satisfies(e -> {
            assertThat(e.failure()).isEqualTo(FailureKind.TERMINAL);
            assertThat(e.reason()).doesNotContain(s.refreshToken());
        });
        assertThat(of(AuthKitEvent.WorkOSRecovered.class)).as("WorkOS answered (and refused): reachable again")
                .singleElement().satisfies(e -> assertThat(e.downtime().isNegative()).isFalse());
        assertThat(of(AuthKitEvent.WorkOSCall.class)).singleElement()
                .satisfies(e -> assertThat(e.result()).isEqualTo(CallResult.REFUSED));
        assertThat(errors).as("onSessionRefreshError, once per signed-out request").hasSize(2);
    }

    @Test
    void anOrganizationSwitchIsOneEventWithBothOrganizations() {
        AuthKit authKit = authKit(b -> { });
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        TestRequest r = withSession(TestRequest.post(APP + "/switch"), s);
        Auth auth = ((Outcome.Continue) authKit.handle(r)).auth();
        events.clear();
        authKit.switchToOrganization(r, auth, DemoData.GLOBEX, Optional.empty());
        assertThat(of(AuthKitEvent.OrganizationSwitched.class)).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo(DemoData.ALICE);
            assertThat(e.fromOrganizationId()).isEqualTo(auth.organizationId());
            assertThat(e.toOrganizationId()).isEqualTo(DemoData.GLOBEX);
        });
        assertThat(of(AuthKitEvent.SessionRefreshed.class)).hasSize(1);

        // a refresh that keeps the organization is no switch
        events.clear();
        Outcome again = authKit.handle(withSession(TestRequest.get(APP + "/"), s)); // old cookie: shared from the grace period
        assertThat(again).isInstanceOf(Outcome.Continue.class);
        assertThat(of(AuthKitEvent.OrganizationSwitched.class)).isEmpty();
    }

    @Test
    void aSignOutWithASessionIsOneEventWithoutOneIsNone() {
        AuthKit authKit = authKit(b -> { });
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        authKit.flow().signOut(withSession(TestRequest.get(APP + "/signout"), s), Optional.empty());
        authKit.flow().signOut(TestRequest.get(APP + "/signout"), Optional.empty());
        assertThat(of(AuthKitEvent.SignedOut.class)).singleElement().satisfies(e -> {
            assertThat(e.userId()).contains(DemoData.ALICE);
            assertThat(e.sessionId()).contains(s.sessionId());
        });
        assertThat(of(AuthKitEvent.WorkOSCall.class)).as("the logout URL is built locally").isEmpty();
    }

    @Test
    void aRefusedPathAndASignInRequiredAreOneEventEach() {
        AuthKit authKit = authKit(b -> b.middlewareAuth(true).unauthenticatedPaths("/"));
        authKit.handle(TestRequest.get(APP + "/a/..%2fadmin"));
        authKit.handle(TestRequest.get(APP + "/private?x=1").html());
        authKit.handle(TestRequest.get(APP + "/api/private"));
        authKit.handle(TestRequest.get(APP + "/"));
        assertThat(of(AuthKitEvent.PathRefused.class)).singleElement()
                .satisfies(e -> assertThat(e.rule()).isInstanceOf(PathPolicy.Rule.class));
        assertThat(of(AuthKitEvent.SignInRequired.class)).extracting(AuthKitEvent.SignInRequired::path,
                AuthKitEvent.SignInRequired::redirected).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/private", true), org.assertj.core.groups.Tuple.tuple("/api/private", false));
    }

    @Test
    void aFreshSessionOnTheHotPathEmitsNothing() {
        AuthKit authKit = authKit(b -> { });
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        authKit.handle(withSession(TestRequest.get(APP + "/"), s)); // first sight: the JWKS fetch
        assertThat(of(AuthKitEvent.WorkOSCall.class)).singleElement()
                .satisfies(e -> assertThat(e.endpoint()).isEqualTo(WorkOSEndpoint.JWKS));
        events.clear();
        for (int i = 0; i < 5; i++) {
            authKit.handle(withSession(TestRequest.get(APP + "/page"), s));
        }
        assertThat(events).isEmpty();
        assertThat(authKit.caches()).containsKeys("sessions", "tokens");
        // FakeWorkOS tokens carry nbf, so the session cache passes them on and the token cache answers
        long hits = authKit.caches().values().stream().mapToLong(dev.authkit.core.CacheStats::hits).sum();
        assertThat(hits).isEqualTo(5);
        assertThat(authKit.caches().get("tokens").hitRatio()).isGreaterThan(0.5);
    }

    @Test
    void aJwksOutageIsUnavailableThenRecovered() {
        AuthKit authKit = authKit(b -> { });
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.failNext(Endpoint.JWKS, 1, Failure.serverError());
        authKit.handle(withSession(TestRequest.get(APP + "/"), s));
        assertThat(of(AuthKitEvent.WorkOSUnavailable.class)).singleElement()
                .satisfies(e -> assertThat(e.endpoint()).isEqualTo(WorkOSEndpoint.JWKS));
        fake.clock().advance(Duration.ofMinutes(1));
        authKit.handle(withSession(TestRequest.get(APP + "/"), s));
        assertThat(of(AuthKitEvent.WorkOSRecovered.class)).hasSize(1);
        assertThat(of(AuthKitEvent.WorkOSUnavailable.class)).hasSize(1);
    }

    @Test
    void aListenerThatThrowsChangesNoOutcome() {
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        IssuedSession t = fake.signIn(h.user(DemoData.ALICE));
        AuthKit quiet = h.authKit().build();
        AuthKit loud = h.authKit().events(e -> {
            throw new IllegalStateException("listener bug");
        }).events(events::add).build();
        fake.clock().advance(Duration.ofMinutes(6));
        Outcome a = loud.handle(withSession(TestRequest.get(APP + "/"), s));
        Outcome b = quiet.handle(withSession(TestRequest.get(APP + "/"), t));
        assertThat(((Outcome.Continue) a).auth().isSignedIn()).isTrue();
        assertThat(((Outcome.Continue) b).auth().isSignedIn()).isTrue();
        assertThat(a.cookies()).hasSameSizeAs(b.cookies());
        assertThat(of(AuthKitEvent.SessionRefreshed.class)).as("the next listener still hears it").hasSize(1);
        Outcome refused = loud.handle(TestRequest.get(APP + "/a/..%2fb"));
        assertThat(refused).isEqualTo(quiet.handle(TestRequest.get(APP + "/a/..%2fb")));
    }

    @Test
    void aListenerThatBlocksHoldsOnlyTheRequestThatEmitted() throws Exception {
        java.util.concurrent.CountDownLatch inListener = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AuthKit authKit = h.authKit().events(e -> {
            if (e instanceof AuthKitEvent.PathRefused) {
                inListener.countDown();
                try {
                    release.await();
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Outcome> blocked = pool.submit(() -> authKit.handle(TestRequest.get(APP + "/a/..%2fb")));
            inListener.await();
            // while that listener blocks, other requests go through this AuthKit untouched
            Outcome other = authKit.handle(withSession(TestRequest.get(APP + "/"), s));
            assertThat(((Outcome.Continue) other).auth().isSignedIn()).isTrue();
            assertThat(blocked.isDone()).isFalse();
            release.countDown();
            assertThat(((Outcome.Respond) blocked.get()).status()).isEqualTo(400);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aWorkOSObserverListenerWrapsEachCall() {
        List<String> seen = new CopyOnWriteArrayList<>();
        class Tracer implements Consumer<AuthKitEvent>, WorkOSObserver {
            @Override
            public void accept(AuthKitEvent e) {
            }

            @Override
            public Scope start(WorkOSEndpoint endpoint) {
                seen.add("start " + endpoint.tag());
                return call -> seen.add("stop " + call.endpoint().tag() + " " + call.result());
            }
        }
        AuthKit authKit = h.authKit().events(new Tracer()).build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.clock().advance(Duration.ofMinutes(6));
        authKit.handle(withSession(TestRequest.get(APP + "/"), s));
        assertThat(seen).containsExactly("start jwks", "stop jwks SUCCESS", "start refresh", "stop refresh SUCCESS");
    }

    private void assertNoSecretIn(String sealed) {
        assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(sealed));
    }
}
