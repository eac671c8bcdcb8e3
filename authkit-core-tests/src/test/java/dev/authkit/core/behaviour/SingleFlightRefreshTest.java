package dev.authkit.core.behaviour;

import static dev.authkit.core.behaviour.Harness.APP;
import static dev.authkit.core.behaviour.Harness.cookie;
import static dev.authkit.core.behaviour.Harness.withSession;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.core.RefreshSuccess;
import dev.authkit.core.Session;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * authkit-nextjs issue #28: parallel requests with the same stale cookie. WorkOS refresh tokens
 * are single-use in FakeWorkOS as in WorkOS, so any second exchange would sign the user out.
 */
class SingleFlightRefreshTest {
    @RegisterExtension
    static FakeWorkOSExtension extension = new FakeWorkOSExtension(Harness.fakeOptions());

    static List<Outcome> inParallel(int threads, java.util.concurrent.Callable<Outcome> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyThreadsWithOneExpiredSessionShareOneRefresh(FakeWorkOS fake) throws Exception {
        Harness h = new Harness(fake);
        List<RefreshSuccess> callbacks = new CopyOnWriteArrayList<>();
        AuthKit authKit = h.authKit().onSessionRefreshSuccess(callbacks::add).build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        // verify once so the JWKS is cached and the threads race on the refresh alone
        authKit.handle(withSession(TestRequest.get(APP + "/"), s));
        fake.clock().advance(Duration.ofMinutes(6));
        // a little latency keeps the exchange in flight while the other 49 arrive
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.latency(Duration.ofMillis(300)));
        TestRequest stale = withSession(TestRequest.get(APP + "/"), s);

        List<Outcome> outcomes = inParallel(50, () -> authKit.handle(stale));

        assertThat(outcomes).allSatisfy(o -> assertThat(((Outcome.Continue) o).auth().isSignedIn()).isTrue());
        assertThat(fake.refreshCalls()).isEqualTo(1);
        assertThat(callbacks).hasSize(1);
        String newToken = callbacks.get(0).auth().accessToken().orElseThrow();
        assertThat(outcomes).allSatisfy(o -> {
            Session stored = Harness.unsealed(cookie(o, "wos-session").orElseThrow());
            assertThat(stored.accessToken()).isEqualTo(newToken);
        });
    }

    @Test
    void aRequestJustAfterWithTheOldCookieGetsTheNewSessionFromTheGraceCache(FakeWorkOS fake) {
        Harness h = new Harness(fake);
        AuthKit authKit = h.authKit().build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        fake.clock().advance(Duration.ofMinutes(6));
        Outcome first = authKit.handle(withSession(TestRequest.get(APP + "/"), s));
        fake.clock().advance(Duration.ofSeconds(3));
        Outcome late = authKit.handle(withSession(TestRequest.get(APP + "/api/data"), s));
        assertThat(((Outcome.Continue) late).auth().isSignedIn()).isTrue();
        assertThat(Harness.unsealed(cookie(late, "wos-session").orElseThrow()).refreshToken())
                .isEqualTo(Harness.unsealed(cookie(first, "wos-session").orElseThrow()).refreshToken());
        assertThat(fake.refreshCalls()).isEqualTo(1);

        // after the grace period the old refresh token is simply used up
        fake.clock().advance(Duration.ofSeconds(30));
        Outcome tooLate = authKit.handle(withSession(TestRequest.get(APP + "/"), s));
        assertThat(((Outcome.Continue) tooLate).auth().isSignedIn()).isFalse();
        assertThat(fake.refreshCalls()).isEqualTo(2);
    }

    @Test
    void failuresAreSharedButNotRemembered(FakeWorkOS fake) throws Exception {
        Harness h = new Harness(fake);
        AuthKit authKit = h.authKit().build();
        IssuedSession s = fake.signIn(h.user(DemoData.ALICE));
        authKit.handle(withSession(TestRequest.get(APP + "/"), s));
        fake.clock().advance(Duration.ofMinutes(6));
        // slow enough that all ten join the one failing exchange
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.delayed(Duration.ofSeconds(1), Failure.status(503, "{}")));
        TestRequest stale = withSession(TestRequest.get(APP + "/"), s);
        List<Outcome> outcomes = inParallel(10, () -> authKit.handle(stale));
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(((Outcome.Continue) o).auth().isSignedIn()).isFalse();
            assertThat(o.cookies()).as("transient: cookie kept").isEmpty();
        });
        assertThat(fake.refreshCalls()).isEqualTo(1);
        // the next request tries again and succeeds
        Outcome retry = authKit.handle(stale);
        assertThat(((Outcome.Continue) retry).auth().isSignedIn()).isTrue();
    }
}
