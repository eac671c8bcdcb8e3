package dev.authkit.benchmarks;

import dev.authkit.core.AuthKit;
import dev.authkit.core.Outcome;
import dev.authkit.testkit.FakeWorkOS;
import java.util.ArrayList;
import java.util.List;
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
 * The cold path: {@link AuthKit#handle} on a session cookie it has never seen, carrying an access
 * token it has never seen (signing keys cached): unseal, JSON, RS256 verification, the rest of
 * the middleware, and filling the caches. A pool of distinct sessions is replayed through a fresh
 * AuthKit (keys fetched beforehand) each time it runs out, outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ColdPathBenchmark {
    static final int POOL = 2_000;

    FakeWorkOS fake;
    List<Fixtures.Request> requests;
    AuthKit authKit;
    Fixtures.Request warmUp;
    int next;
    Fixtures.Request request;

    @Setup
    public void setUp() {
        fake = Sessions.fake();
        requests = new ArrayList<>(POOL);
        for (int i = 0; i < POOL; i++) {
            requests.add(Sessions.request(Sessions.newCookie(fake)));
        }
        warmUp = Sessions.request(Sessions.newCookie(fake));
        freshAuthKit();
    }

    /** A new AuthKit, empty caches, with the signing keys already fetched (by a session outside the pool). */
    private void freshAuthKit() {
        authKit = Sessions.authKit(fake);
        Sessions.requireSignedIn(authKit.handle(warmUp), false);
        next = 0;
    }

    @Setup(Level.Invocation)
    public void nextSession() {
        if (next == requests.size()) {
            freshAuthKit();
        }
        request = requests.get(next++);
    }

    @TearDown
    public void tearDown() {
        fake.close();
    }

    @Benchmark
    public Outcome authkitHandleNewCookie() {
        return authKit.handle(request);
    }
}
