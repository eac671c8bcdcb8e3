package dev.authkit.benchmarks;

import dev.authkit.core.RefreshCoordination;
import dev.authkit.redis.RedisRefreshCoordination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What coordination adds to one refresh: {@link RefreshCoordination#refresh} with an exchange
 * that answers at once, so all that is measured is the coordination itself, in-process (the
 * default) or through a local {@code redis-server} (started here on a free port; Debian's
 * package). Sample mode, so JMH prints p50 and p99. The payload is the size of a sealed session.
 * The difference between the two is the latency Redis adds to a refresh, which itself costs a
 * WorkOS round trip (tens to hundreds of milliseconds).
 *
 * <p>Requests with a fresh token never reach this code (MultiInstanceRefreshTest proves zero Redis
 * commands for them), so {@link HotPathBenchmark} is unchanged by Redis.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RedisRefreshBenchmark {
    private static final String PAYLOAD = "Fe26.2*1*" + "x".repeat(2000) + "~2";

    @Param({"in-process", "redis"})
    public String coordination;

    private Process redis;
    private RefreshCoordination target;
    private final AtomicLong keys = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (coordination.equals("in-process")) {
            target = RefreshCoordination.inProcess(Clock.systemUTC());
            return;
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                new Socket("127.0.0.1", port).close();
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("redis-server did not start", e);
                }
                Thread.sleep(20);
            }
        }
        RedisRefreshCoordination c = RedisRefreshCoordination.create("redis://127.0.0.1:" + port);
        while (!c.isConnected()) {
            Thread.sleep(20);
        }
        target = c;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (target instanceof RedisRefreshCoordination c) {
            c.close();
        }
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    /** One refresh of a session nobody else is refreshing: the winner's path (lock, store, publish, release). */
    @Benchmark
    public Optional<String> refresh() {
        String key = RefreshCoordination.key("refresh-token-" + keys.incrementAndGet(), null);
        return target.refresh(key, Duration.ZERO, () -> Optional.of(PAYLOAD));
    }
}
