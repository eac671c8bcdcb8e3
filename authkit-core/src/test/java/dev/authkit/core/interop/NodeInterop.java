package dev.authkit.core.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the scripts of the test resources folder {@code interop/} with the machine's Node against
 * JavaScript libraries installed from the npm registry into {@code target/node-interop} of the
 * module under test (once per JVM; nothing is committed). The scripts travel in authkit-core's
 * test jar, so other modules' tests use them too.
 *
 * <p>Where Node or the registry is missing, the calling test is skipped with a message saying
 * so, except under CI ({@code CI=true}), where that fails the test: CI promises the interop run.
 */
public final class NodeInterop {
    /** The files copied from the class path; package.json names the npm packages. */
    private static final List<String> FILES = List.of("package.json", "iron.mjs", "paths.mjs", "workos-node-session.mjs");
    private static final Path WORK = Paths.get("target", "node-interop");
    private static NodeInterop instance;
    private static String unavailable;

    private NodeInterop() {
    }

    /** The installed environment, or the calling test is skipped (failed under CI). */
    public static synchronized NodeInterop get() {
        if (instance == null && unavailable == null) {
            try {
                install();
                instance = new NodeInterop();
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while installing";
            }
        }
        if (instance == null) {
            String why = "Node interop tests need node and npm with the npm registry reachable: " + unavailable;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (CI=true, so this fails instead of skipping)");
            }
            Assumptions.abort(why);
        }
        return instance;
    }

    /** Runs {@code node <script>} with {@code input} on stdin and returns stdout; fails on a non-zero exit. */
    public String run(String script, String input) {
        try {
            Process p = new ProcessBuilder("node", script).directory(WORK.toFile()).start();
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = readAll(p.getInputStream());
            String err = readAll(p.getErrorStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("node " + script + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("node " + script + " exited " + p.exitValue() + ": " + err);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : FILES) {
            try (InputStream in = NodeInterop.class.getResourceAsStream("/interop/" + file)) {
                if (in == null) {
                    throw new IOException("interop/" + file + " is not on the test class path");
                }
                Files.copy(in, WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
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
        String out = readAll(p.getInputStream());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
