package dev.authkit.interop.nextjs;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The Next.js app of {@code src/test/nextjs-app}, copied to {@code target/nextjs-app}, its pinned
 * packages installed from the npm registry there (npm's cache in {@code ~/.npm} makes reruns
 * fast), and run with {@code next dev} (Turbopack) on a free port of {@code localhost}.
 *
 * <p>Without Node, npm or the registry the calling test is skipped with a message, except under
 * CI ({@code CI=true}), where that fails it.
 */
final class NextjsApp implements AutoCloseable {
    private static final Path SOURCE = Paths.get("src", "test", "nextjs-app");
    private static final Path WORK = Paths.get("target", "nextjs-app");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    final String origin;

    private NextjsApp(Process process, Path log, String origin) {
        this.process = process;
        this.log = log;
        this.origin = origin;
    }

    /** Installs the app and starts it with {@code env}; ready to answer when this returns. */
    static NextjsApp start(int port, Map<String, String> env) {
        try {
            install();
        } catch (IOException | RuntimeException e) {
            unavailable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable("interrupted while installing");
        }
        try {
            Path log = WORK.resolve("next-dev.log");
            ProcessBuilder pb = new ProcessBuilder("node", "node_modules/next/dist/bin/next", "dev", "--turbopack",
                    "--port", Integer.toString(port), "--hostname", "localhost")
                    .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            pb.environment().put("NEXT_TELEMETRY_DISABLED", "1");
            NextjsApp app = new NextjsApp(pb.start(), log, "http://localhost:" + port);
            try {
                app.awaitReady();
            } catch (RuntimeException e) {
                app.close();
                throw e;
            }
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port on this machine (closed again at once; Next.js binds it a moment later). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dev server's output so far, for failure messages. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady() {
        // HTTP/1.1: Node's server takes the h2c upgrade Java offers by default as a WebSocket and never answers
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("next dev exited " + process.exitValue() + ":\n" + log());
            }
            if (log().contains("Ready in")) {
                try {
                    // the first request compiles the middleware and the route; later ones are quick
                    http.send(HttpRequest.newBuilder(URI.create(origin + "/me")).timeout(START_TIMEOUT).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("next dev was not ready within " + START_TIMEOUT + ":\n" + log());
    }

    @Override
    public void close() {
        // next dev runs its server in a child process: stop the children first, then the CLI
        List<ProcessHandle> children = new ArrayList<>();
        process.descendants().forEach(children::add);
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        try (Stream<Path> files = Files.walk(SOURCE)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = WORK.resolve(SOURCE.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        exec(List.of("node", "--version"));
        exec(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + command.get(0) + "' (" + e.getMessage() + ")", e);
        }
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void unavailable(String why) {
        String message = "The Next.js interop test needs node and npm with the npm registry reachable: " + why;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true, so this fails instead of skipping)");
        }
        Assumptions.abort(message);
    }
}
