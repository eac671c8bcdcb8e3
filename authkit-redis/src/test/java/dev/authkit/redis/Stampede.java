package dev.authkit.redis;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.CookieSealer;
import dev.authkit.core.Outcome;
import dev.authkit.core.RefreshCoordination;
import dev.authkit.core.SetCookie;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a load balancer does to the parallel requests of pages whose sessions are all due for a
 * refresh: every session's requests spread round-robin over the application instances, all at
 * once. Counts what a user would feel.
 */
final class Stampede {
    static final String PASSWORD = "redis-test-cookie-password-0123456789-abcdef";
    static final String REDIRECT = "http://app.test/callback";
    private static final AtomicInteger USERS = new AtomicInteger();

    /**
     * @param sessions        stale sessions
     * @param requests        requests (responses) in all
     * @param refreshCalls    refresh-token exchanges WorkOS received for them
     * @param maxCallsPerSession the most exchanges of one session's refresh token
     * @param lost            sessions the browser no longer has afterwards: a response signed out,
     *                        deleted the cookie, or the responses disagree on the new refresh token
     * @param serverErrors    requests that threw or answered 5xx
     * @param slowest         the slowest request
     */
    record Result(int sessions, int requests, long refreshCalls, long maxCallsPerSession, int lost, int serverErrors,
                  Duration slowest) {
        @Override
        public String toString() {
            return sessions + " sessions, " + requests + " requests, " + refreshCalls + " refresh calls (at most "
                    + maxCallsPerSession + " per session), " + lost + " sessions lost, " + serverErrors
                    + " 5xx, slowest request " + slowest.toMillis() + " ms";
        }
    }

    static AuthKitConfig config(FakeWorkOS fake) {
        return AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                .redirectUri(REDIRECT).apiBaseUrl(fake.baseUrl()).build();
    }

    /** An application instance on its own coordination, on the fake's clock. */
    static AuthKit instance(FakeWorkOS fake, RefreshCoordination coordination) {
        return AuthKit.builder(config(fake)).clock(fake.clock()).refreshCoordination(coordination).build();
    }

    static List<IssuedSession> signIn(FakeWorkOS fake, int n) {
        List<IssuedSession> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(fake.signIn(fake.addUser("user" + USERS.incrementAndGet() + "@stampede.test")));
        }
        return out;
    }

    /** A request with a fresh token on each instance, so every one has the JWKS and the race is on the refresh alone. */
    static void warmUp(List<AuthKit> instances, IssuedSession s) {
        for (AuthKit k : instances) {
            Outcome o = k.handle(new AppRequest("/", s.cookieValue(PASSWORD)));
            if (!(o instanceof Outcome.Continue c) || !c.auth().isSignedIn()) {
                throw new IllegalStateException("warm-up request not signed in: " + o);
            }
        }
    }

    /**
     * Makes {@code sessions} stale (the fake's clock moves 6 minutes; access tokens live 5) and
     * sends {@code perSession} concurrent requests of each, spread over {@code instances}. Each of
     * the first {@code sessions} WorkOS refresh calls takes {@code workosLatency}, so refreshes are
     * in flight while the other requests arrive. {@code midRun} runs once the requests are going.
     */
    static Result run(FakeWorkOS fake, List<AuthKit> instances, List<IssuedSession> sessions, int perSession,
                      Duration workosLatency, Runnable midRun) throws Exception {
        fake.clock().advance(Duration.ofMinutes(6));
        fake.failNext(Endpoint.AUTHENTICATE, sessions.size(), Failure.latency(workosLatency));
        int total = sessions.size() * perSession;
        ExecutorService pool = Executors.newFixedThreadPool(total);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger errors = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        Map<Integer, List<Outcome>> bySession = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < sessions.size(); s++) {
                String cookie = sessions.get(s).cookieValue(PASSWORD);
                for (int r = 0; r < perSession; r++) {
                    int session = s;
                    AuthKit instance = instances.get((s + r) % instances.size());
                    String path = r == 0 ? "/" : "/api/part/" + r;
                    futures.add(pool.submit(() -> {
                        go.await();
                        long start = System.nanoTime();
                        try {
                            Outcome o = instance.handle(new AppRequest(path, cookie));
                            if (o instanceof Outcome.Respond resp && resp.status() >= 500) {
                                errors.incrementAndGet();
                            }
                            bySession.computeIfAbsent(session, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                    .add(o);
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        } finally {
                            slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
                        }
                        return null;
                    }));
                }
            }
            go.countDown();
            midRun.run();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int lost = 0;
        for (int s = 0; s < sessions.size(); s++) {
            if (lost(bySession.getOrDefault(s, List.of()), perSession)) {
                lost++;
            }
        }
        long calls = 0;
        long maxPerSession = 0;
        List<RecordedRequest> exchanges = fake.requests(Endpoint.AUTHENTICATE);
        for (IssuedSession s : sessions) {
            long n = exchanges.stream().filter(r -> r.bodyField("refresh_token").filter(s.refreshToken()::equals).isPresent())
                    .count();
            calls += n;
            maxPerSession = Math.max(maxPerSession, n);
        }
        return new Result(sessions.size(), total, calls, maxPerSession, lost, errors.get(), Duration.ofNanos(slowest.get()));
    }

    private static boolean lost(List<Outcome> outcomes, int expected) {
        if (outcomes.size() != expected) {
            return true;
        }
        Set<String> newRefreshTokens = new HashSet<>();
        for (Outcome o : outcomes) {
            if (!(o instanceof Outcome.Continue c) || !c.auth().isSignedIn()) {
                return true;
            }
            for (SetCookie cookie : o.cookies()) {
                if (cookie.name().equals("wos-session")) {
                    if (cookie.isDeletion()) {
                        return true;
                    }
                    CookieSealer.iron(PASSWORD).unsealSession(cookie.value())
                            .ifPresent(session -> newRefreshTokens.add(session.refreshToken()));
                }
            }
        }
        return newRefreshTokens.size() != 1;
    }
}
