package dev.authkit.benchmarks;

import com.workos.WorkOS;
import com.workos.common.http.RetryConfig;
import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A refresh: {@link AuthKit#handle} on a cookie whose access token has expired (unseal, verify,
 * one refresh-token call to FakeWorkOS, seal the new cookie), beside the bare WorkOS SDK call it
 * makes ({@code authenticateWithRefreshToken} to the same FakeWorkOS). The difference is authkit's
 * own work. Each invocation gets a new session, minted outside the measured time (refresh tokens
 * are single use).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RefreshBenchmark {
    FakeWorkOS fake;
    AuthKit authKit;
    WorkOS workos;
    Fixtures.Request staleRequest;
    String refreshToken;

    @Setup
    public void setUp() {
        fake = Sessions.fake();
        authKit = Sessions.authKit(fake);
        Sessions.requireSignedIn(authKit.handle(Sessions.request(Sessions.newCookie(fake))), false);
        Sessions.requireSignedIn(authKit.handle(Sessions.request(Sessions.staleCookie(fake))), true);
        workos = WorkOS.builder().apiKey(fake.apiKey()).clientId(fake.clientId()).apiBaseUrl(fake.baseUrl())
                .retryConfig(RetryConfig.DISABLED).build();
    }

    @Setup(Level.Invocation)
    public void newSessions() {
        staleRequest = Sessions.request(Sessions.staleCookie(fake));
        refreshToken = fake.signIn(fake.user(DemoData.ALICE).orElseThrow()).refreshToken();
    }

    @TearDown
    public void tearDown() {
        fake.close();
    }

    @Benchmark
    public Outcome authkitHandleStaleCookie() {
        return authKit.handle(staleRequest);
    }

    @Benchmark
    public Object workosSdkRefreshRoundTrip() {
        return workos.getUserManagement().authenticateWithRefreshToken(refreshToken);
    }
}
