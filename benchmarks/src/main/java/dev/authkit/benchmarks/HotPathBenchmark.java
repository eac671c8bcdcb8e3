package dev.authkit.benchmarks;

import com.workos.WorkOS;
import com.workos.common.http.RetryConfig;
import com.workos.session.Session;
import com.workos.session.SessionKt;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.core.Outcome;
import dev.authkit.micrometer.AuthKitMetrics;
import dev.authkit.testkit.DemoData;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot path: a request with a valid session cookie, signing keys cached. authkit's whole
 * middleware ({@link AuthKit#handle}: cookie parsing, unseal, RS256 verification, subject check,
 * route matching, cache headers) against the WorkOS JVM SDK's
 * {@code authenticateWithSessionCookie} (unseal and verification only), on a FakeWorkOS. authkit
 * has seen the cookie before (the steady state of a signed-in user); the SDK keeps no such memory.
 * {@code authkitHandleWithMetrics} is the same request through an {@code AuthKit} with
 * {@code AuthKitMetrics} bound to a Micrometer registry (a fresh session emits no event, so it
 * should cost the same).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {
    static final String PASSWORD = Sessions.PASSWORD;

    FakeWorkOS fake;
    AuthKit authKit;
    AuthKit authKitWithMetrics;
    Fixtures.Request request;
    Session sdkSessions;
    String sdkCookie;

    @Setup
    public void setUp() {
        fake = Sessions.fake();
        authKit = Sessions.authKit(fake);
        request = Sessions.request(Sessions.newCookie(fake));
        Sessions.requireSignedIn(authKit.handle(request), false);
        Sessions.requireSignedIn(authKit.handleWithoutBlocking(request).orElseThrow(
                () -> new IllegalStateException("the hot path is not answered inline")), false);
        AuthKitMetrics metrics = AuthKitMetrics.bindTo(new SimpleMeterRegistry());
        authKitWithMetrics = Sessions.builder(fake).events(metrics).build();
        metrics.bindCaches(authKitWithMetrics);
        Sessions.requireSignedIn(authKitWithMetrics.handle(request), false);
        WorkOS workos = WorkOS.builder().apiKey(fake.apiKey()).clientId(fake.clientId()).apiBaseUrl(fake.baseUrl())
                .retryConfig(RetryConfig.DISABLED).build();
        sdkSessions = SessionKt.getSession(workos);
        var response = workos.getUserManagement().authenticateWithRefreshToken(fake.signIn(fake.user(DemoData.ALICE).orElseThrow())
                .refreshToken());
        sdkCookie = sdkSessions.sealAuthResponse(response, PASSWORD);
        if (!sdkSessions.authenticateWithSessionCookie(sdkCookie, PASSWORD).getAuthenticated()) {
            throw new IllegalStateException("the SDK does not accept its own cookie");
        }
    }

    @TearDown
    public void tearDown() {
        fake.close();
    }

    @Benchmark
    public Outcome authkitHandle() {
        return authKit.handle(request);
    }

    /** The same request as a reactive adapter runs it on its event loop (answered inline). */
    @Benchmark
    public Optional<Outcome> authkitHandleWithoutBlocking() {
        return authKit.handleWithoutBlocking(request);
    }

    @Benchmark
    public Outcome authkitHandleWithMetrics() {
        return authKitWithMetrics.handle(request);
    }

    @Benchmark
    public Object workosSdkAuthenticateWithSessionCookie() {
        return sdkSessions.authenticateWithSessionCookie(sdkCookie, PASSWORD);
    }
}
