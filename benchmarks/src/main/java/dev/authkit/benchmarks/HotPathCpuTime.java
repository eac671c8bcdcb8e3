package dev.authkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The hot path ({@link HotPathBenchmark#authkitHandle}) in thread CPU time per call, for a machine
 * too busy for JMH's wall-clock figures to compare two builds: the time other processes hold the
 * core is not counted (cache and memory contention still are, so compare the best rounds). Five
 * warm-up rounds of 200,000 calls, then ten measured ones, printed one per line in microseconds.
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.authkit.benchmarks.HotPathCpuTime}.
 */
public final class HotPathCpuTime {
    private static final int CALLS = 200_000;

    private HotPathCpuTime() {
    }

    public static void main(String[] args) {
        HotPathBenchmark bench = new HotPathBenchmark();
        bench.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int signedIn = 0;
        for (int round = 0; round < 15; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < CALLS; i++) {
                signedIn += bench.authkitHandle() instanceof dev.authkit.core.Outcome.Continue ? 1 : 0;
            }
            long cpu = threads.getCurrentThreadCpuTime() - start;
            if (round >= 5) {
                System.out.printf("round %d: %.3f us cpu/call%n", round - 4, cpu / 1000.0 / CALLS);
            }
        }
        bench.tearDown();
        if (signedIn != 15 * CALLS) {
            throw new IllegalStateException("not every call continued signed in");
        }
    }
}
