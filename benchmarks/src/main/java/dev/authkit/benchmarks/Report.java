package dev.authkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the one table of {@code benchmarks/run} from what the run left in its results directory:
 * {@code jmh.json} (JMH, with the GC profiler), {@code node.json}, {@code wrk-plain-*.txt} and
 * {@code wrk-filter-*.txt} (Jetty), {@code wrk-webflux-plain-*.txt} and {@code wrk-webflux-filter-*.txt} (Reactor Netty), {@code heap.txt} and {@code machine.txt}. Usage: {@code Report <dir>}.
 */
public final class Report {
    private final Path dir;
    private final JsonNode jmh;
    private final List<String> rows = new ArrayList<>();

    private Report(Path dir) throws IOException {
        this.dir = dir;
        Path jmhFile = dir.resolve("jmh.json");
        this.jmh = Files.exists(jmhFile) ? new ObjectMapper().readTree(jmhFile.toFile()) : null;
    }

    public static void main(String[] args) throws IOException {
        new Report(Path.of(args[0])).print();
    }

    private void print() throws IOException {
        OptionalDouble hot = score("HotPathBenchmark.authkitHandle");
        OptionalDouble sdk = score("HotPathBenchmark.workosSdkAuthenticateWithSessionCookie");
        OptionalDouble node = nodeMicros();
        row("`AuthKit.handle`, a session cookie seen before (steady state of a signed-in user)", "≤ 5 µs", micros(hot),
                met(hot, v -> v <= 5));
        row("WorkOS JVM SDK 7.2.0 `authenticateWithSessionCookie`, same run", "", micros(sdk), "");
        OptionalDouble speedup = ratio(sdk, hot);
        row("hot path speed-up over the SDK", "≥ 20x", times(speedup), met(speedup, v -> v >= 20));
        OptionalDouble alloc = secondary("HotPathBenchmark.authkitHandle", "gc.alloc.rate.norm");
        row("hot path allocation per request", "≤ 2 KB", bytes(alloc), met(alloc, v -> v <= 2048));
        row("authkit-nextjs per-request work on Node " + nodeVersion() + " (iron-session 8.0.4 `unsealData` + jose 5.10 `jwtVerify`)",
                "", micros(node) + (node.isPresent() && hot.isPresent() ? " (" + times(ratio(node, hot)) + " the hot path)" : ""), "");
        OptionalDouble cold = score("ColdPathBenchmark.authkitHandleNewCookie");
        row("`AuthKit.handle`, a cookie and token never seen (keys cached)", "≤ 100 µs", micros(cold), met(cold, v -> v <= 100));
        OptionalDouble paths = score("PathMatcherBenchmark.canonicalPathAndTenGlobs");
        row("canonical path + 10 route globs", "≤ 0.5 µs", paths.isPresent() ? fmt(paths.getAsDouble()) + " ns" : "not run",
                met(paths, v -> v <= 500));
        OptionalDouble hostile = score("PathMatcherBenchmark.hostilePath");
        row("a hostile path (`/docs/..;/%61ccount//settings/./x`) canonicalized and matched", "",
                hostile.isPresent() ? fmt(hostile.getAsDouble()) + " ns" : "not run", "");
        row("unseal a session cookie: authkit / WorkOS SDK `Iron`", "", micros(score("SealBenchmark.authkitUnseal")) + " / "
                + micros(score("SealBenchmark.workosSdkUnseal")), "");
        row("seal a session cookie: authkit / WorkOS SDK `Iron`", "", micros(score("SealBenchmark.authkitSeal")) + " / "
                + micros(score("SealBenchmark.workosSdkSeal")), "");
        OptionalDouble refresh = score("RefreshBenchmark.authkitHandleStaleCookie");
        OptionalDouble roundTrip = score("RefreshBenchmark.workosSdkRefreshRoundTrip");
        OptionalDouble ownWork = refresh.isPresent() && roundTrip.isPresent()
                ? OptionalDouble.of(refresh.getAsDouble() - roundTrip.getAsDouble()) : OptionalDouble.empty();
        row("a refresh: `AuthKit.handle` on a stale cookie / the bare SDK refresh call to FakeWorkOS", "",
                micros(refresh) + " / " + micros(roundTrip), "");
        if (ownWork.isPresent() && ownWork.getAsDouble() < 0) {
            row("a refresh, authkit's own work (the difference)", "≤ 200 µs",
                    "below the noise (the difference came out negative)", "not measurable in this run");
        } else {
            row("a refresh, authkit's own work (the difference)", "≤ 200 µs", micros(ownWork), met(ownWork, v -> v <= 200));
        }
        OptionalDouble plain = bestRps("wrk-plain-");
        OptionalDouble filtered = bestRps("wrk-filter-");
        OptionalDouble kept = ratio(filtered, plain);
        row("Jetty 12 hello world, requests/s without / with `AuthKitFilter` (signed-in cookie, wrk)", "",
                rps(plain) + " / " + rps(filtered), "");
        row("requests/s kept behind the filter", "≥ 85%", kept.isPresent() ? fmt(kept.getAsDouble() * 100) + "%" : "not run",
                met(kept, v -> v >= 0.85));
        OptionalDouble reactivePlain = bestRps("wrk-webflux-plain-");
        OptionalDouble reactiveFiltered = bestRps("wrk-webflux-filter-");
        OptionalDouble reactiveKept = ratio(reactiveFiltered, reactivePlain);
        row("WebFlux hello world on Reactor Netty, requests/s without / with `AuthKitWebFilter` (signed-in cookie, wrk)", "",
                rps(reactivePlain) + " / " + rps(reactiveFiltered), "");
        row("requests/s kept behind the WebFlux filter", "≥ 85%",
                reactiveKept.isPresent() ? fmt(reactiveKept.getAsDouble() * 100) + "%" : "not run", met(reactiveKept, v -> v >= 0.85));
        OptionalDouble heap = heapGrowth();
        row("heap growth after " + heapSessions() + " distinct sessions (target for 100,000)", "≤ 64 MB",
                heap.isPresent() ? fmt(heap.getAsDouble() / (1024 * 1024)) + " MB" : "not run", met(heap, v -> v <= 64 * 1024 * 1024));

        System.out.println("| measure | target | result | met |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
        List<String> checkpoints = heapCheckpoints();
        if (!checkpoints.isEmpty()) {
            System.out.println();
            System.out.println("Heap growth as sessions accumulate (the caches fill up, then stay bounded): "
                    + String.join(", ", checkpoints) + ".");
        }
        Path machine = dir.resolve("machine.txt");
        if (Files.exists(machine)) {
            System.out.println();
            System.out.print(Files.readString(machine));
        }
    }

    private void row(String what, String target, String result, String met) {
        rows.add("| " + what + " | " + target + " | " + result + " | " + met + " |");
    }

    private interface Check {
        boolean ok(double value);
    }

    private static String met(OptionalDouble value, Check check) {
        return value.isEmpty() ? "" : check.ok(value.getAsDouble()) ? "yes" : "**no**";
    }

    private OptionalDouble score(String benchmark) {
        JsonNode b = find(benchmark);
        return b == null ? OptionalDouble.empty() : OptionalDouble.of(b.path("primaryMetric").path("score").asDouble());
    }

    private OptionalDouble secondary(String benchmark, String metric) {
        JsonNode b = find(benchmark);
        JsonNode m = b == null ? null : b.path("secondaryMetrics").get(metric);
        return m == null ? OptionalDouble.empty() : OptionalDouble.of(m.path("score").asDouble());
    }

    private JsonNode find(String benchmark) {
        if (jmh == null) {
            return null;
        }
        for (JsonNode b : jmh) {
            if (b.path("benchmark").asText().endsWith("." + benchmark)) {
                return b;
            }
        }
        return null;
    }

    private OptionalDouble nodeMicros() throws IOException {
        Path f = dir.resolve("node.json");
        if (!Files.exists(f)) {
            return OptionalDouble.empty();
        }
        JsonNode n = new ObjectMapper().readTree(f.toFile());
        return n.has("meanMicros") ? OptionalDouble.of(n.get("meanMicros").asDouble()) : OptionalDouble.empty();
    }

    private String nodeVersion() throws IOException {
        Path f = dir.resolve("node-version.txt");
        return Files.exists(f) ? Files.readString(f).trim().replaceFirst("^v", "") : "";
    }

    /** The best of the rounds: other load on the machine only ever lowers a round. */
    private OptionalDouble bestRps(String prefix) throws IOException {
        Pattern rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
        OptionalDouble best = OptionalDouble.empty();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                Matcher m = rps.matcher(Files.readString(f));
                if (m.find()) {
                    double v = Double.parseDouble(m.group(1));
                    best = best.isEmpty() || v > best.getAsDouble() ? OptionalDouble.of(v) : best;
                }
            }
        }
        return best;
    }

    private OptionalDouble heapGrowth() throws IOException {
        Path f = dir.resolve("heap.txt");
        if (!Files.exists(f)) {
            return OptionalDouble.empty();
        }
        Matcher m = Pattern.compile("^sessions=[0-9]+ growthBytes=(-?[0-9]+)", Pattern.MULTILINE).matcher(Files.readString(f));
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    private List<String> heapCheckpoints() throws IOException {
        Path f = dir.resolve("heap.txt");
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("^checkpoint ([0-9]+) sessions growthBytes=(-?[0-9]+)", Pattern.MULTILINE)
                .matcher(Files.exists(f) ? Files.readString(f) : "");
        while (m.find()) {
            out.add(String.format(Locale.ROOT, "%,d: %.1f MB", Long.parseLong(m.group(1)),
                    Long.parseLong(m.group(2)) / (1024.0 * 1024.0)));
        }
        return out;
    }

    private String heapSessions() throws IOException {
        Path f = dir.resolve("heap.txt");
        Matcher m = Pattern.compile("^sessions=([0-9]+)", Pattern.MULTILINE).matcher(Files.exists(f) ? Files.readString(f) : "");
        return m.find() ? String.format(Locale.ROOT, "%,d", Long.parseLong(m.group(1))) : "100,000";
    }

    private static OptionalDouble ratio(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() && b.isPresent() && b.getAsDouble() > 0
                ? OptionalDouble.of(a.getAsDouble() / b.getAsDouble()) : OptionalDouble.empty();
    }

    private static String micros(OptionalDouble v) {
        return v.isPresent() ? fmt(v.getAsDouble()) + " µs" : "not run";
    }

    private static String times(OptionalDouble v) {
        return v.isPresent() ? fmt(v.getAsDouble()) + "x" : "not run";
    }

    private static String bytes(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.0f B", v.getAsDouble()) : "not run";
    }

    private static String rps(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%,.0f", v.getAsDouble()) : "not run";
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
