package dev.authkit.benchmarks;

import com.workos.session.Iron;
import dev.authkit.core.CookieSealer;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sealing and unsealing a session-sized cookie: authkit's {@link CookieSealer} against the WorkOS
 * JVM SDK's own {@code Iron} (the same Fe26.2 crypto, without iron-session's {@code ~2} suffix).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SealBenchmark {
    static final String PASSWORD = "benchmark-cookie-password-0123456789abcdef";

    String json;
    CookieSealer sealer;
    String sealed;
    String sdkSealed;

    @Setup
    public void setUp() {
        json = Fixtures.sessionJson();
        sealer = CookieSealer.iron(PASSWORD);
        sealed = sealer.seal(json, Duration.ZERO);
        sdkSealed = Iron.INSTANCE.seal(json, PASSWORD);
        if (!sealer.unseal(sealed).orElseThrow().equals(Iron.INSTANCE.unseal(sdkSealed, PASSWORD))) {
            throw new IllegalStateException("the two sealers disagree");
        }
    }

    @Benchmark
    public String authkitUnseal() {
        return sealer.unseal(sealed).orElseThrow();
    }

    @Benchmark
    public String workosSdkUnseal() {
        return Iron.INSTANCE.unseal(sdkSealed, PASSWORD);
    }

    @Benchmark
    public String authkitSeal() {
        return sealer.seal(json, Duration.ZERO);
    }

    @Benchmark
    public String workosSdkSeal() {
        return Iron.INSTANCE.seal(json, PASSWORD);
    }
}
