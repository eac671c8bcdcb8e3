package dev.authkit.benchmarks;

import dev.authkit.core.PathMatcher;
import dev.authkit.core.internal.request.UrlPaths;
import java.util.List;
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
 * Canonicalizing a request path once and matching it against ten route globs, as the middleware
 * does per request; and a hostile path that takes the long way through canonicalization.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PathMatcherBenchmark {
    List<PathMatcher> matchers;
    String rawPath = "/account/settings/profile";

    @Setup
    public void setUp() {
        matchers = List.of("/", "/about", "/pricing", "/docs/:path*", "/blog/:slug", "/api/public/(.*)", "/help/:topic+",
                "/legal/{:doc}?", "/status", "/assets/:file").stream().map(PathMatcher::compile).toList();
    }

    @Benchmark
    public boolean canonicalPathAndTenGlobs() {
        String path = UrlPaths.canonicalPath(rawPath);
        for (PathMatcher m : matchers) {
            if (m.matchesCanonical(path)) {
                return true;
            }
        }
        return false;
    }

    @Benchmark
    public boolean hostilePath() {
        return matchers.get(3).matches("/docs/..;/%61ccount//settings/./x");
    }
}
