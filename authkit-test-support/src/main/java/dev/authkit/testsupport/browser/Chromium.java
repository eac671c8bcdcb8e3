package dev.authkit.testsupport.browser;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's headless Chromium ({@code /usr/bin/chromium}, or {@code CHROMIUM}), driven by
 * {@code playwright-core} from the npm registry (the version pinned in this package's {@code package.json},
 * installed into {@code target/browser} of the module under test; nothing is committed). For tests
 * of pages that use authkit's browser client ({@code /auth/client.js}) in a real browser. One browser
 * per {@link #launch()}; a {@link Context} is a fresh cookie jar and storage, its {@link Page}s are the
 * tabs of one user, sharing cookies, {@code BroadcastChannel} and Web Locks.
 *
 * <p>Without Chromium, Node or the registry the calling test is skipped with a message saying so,
 * except under CI ({@code CI=true}), where that fails the test.
 */
public final class Chromium implements AutoCloseable {
    private static final List<String> FILES = List.of("package.json", "driver.mjs");
    private static final Path WORK = Paths.get("target", "browser");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final OutputStream commands;
    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    private final AtomicLong ids = new AtomicLong();

    private Chromium(Process process) {
        this.process = process;
        this.commands = process.getOutputStream();
        Thread out = new Thread(() -> pump(process.getInputStream(), answers, null), "chromium-driver-out");
        Thread err = new Thread(() -> pump(process.getErrorStream(), null, stderr), "chromium-driver-err");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    /** Starts the browser, or skips the calling test (fails it under CI) when it cannot. */
    public static Chromium launch() {
        String executable = Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium");
        String unavailable;
        if (!Files.isExecutable(Paths.get(executable))) {
            unavailable = executable + " is not installed (apt-get install chromium)";
        } else {
            try {
                install();
                Chromium chromium = new Chromium(new ProcessBuilder("node", "driver.mjs").directory(WORK.toFile()).start());
                try {
                    chromium.call(command("version"));
                } catch (RuntimeException | AssertionError e) {
                    chromium.close();
                    throw new IOException("the browser did not start: " + e.getMessage(), e);
                }
                return chromium;
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while installing";
            }
        }
        String why = "Browser tests need Chromium, node and npm with the npm registry reachable: " + unavailable;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why + " (CI=true, so this fails instead of skipping)");
        }
        Assumptions.abort(why);
        throw new IllegalStateException("unreachable");
    }

    /** A fresh browser profile (cookies, storage); with {@code clock}, the pages' time starts there and can be moved. */
    public Context context(String name, Optional<Instant> clock) {
        ObjectNode c = command("context").put("context", name);
        clock.ifPresent(t -> c.put("time", t.toEpochMilli()));
        call(c);
        return new Context(name);
    }

    JsonNode call(ObjectNode command) {
        long id = ids.incrementAndGet();
        command.put("id", id);
        try {
            commands.write((command.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
            long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            while (true) {
                String line = answers.poll(1, TimeUnit.SECONDS);
                if (line == null && !process.isAlive() && answers.isEmpty()) {
                    throw new IllegalStateException("the browser driver exited; its stderr: " + stderrText());
                }
                if (line == null && System.nanoTime() < deadline) {
                    continue;
                }
                if (line == null) {
                    throw new IllegalStateException("the browser driver did not answer " + command.get("op") + " in "
                            + ANSWER_TIMEOUT.toSeconds() + " s; its stderr: " + stderrText());
                }
                JsonNode answer = JSON.readTree(line);
                if (answer.path("id").asLong() != id) {
                    continue;
                }
                if (answer.has("error")) {
                    throw new AssertionError("browser: " + command.get("op") + " failed: " + answer.get("error").asText());
                }
                return answer.get("value");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the browser driver is gone; its stderr: " + stderrText(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String stderrText() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    static ObjectNode command(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    @Override
    public void close() {
        try {
            commands.close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** One user's browser profile. */
    public final class Context {
        private final String name;

        Context(String name) {
            this.name = name;
        }

        /** A new tab. */
        public Page page(String pageName) {
            call(command("page").put("context", name).put("page", pageName));
            return new Page(pageName);
        }

        /** The cookies this profile holds now, by name (values as stored, HttpOnly ones included). */
        public java.util.Map<String, String> cookies() {
            java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
            call(command("cookies").put("context", name)).forEach(c -> out.put(c.get("name").asText(), c.get("value").asText()));
            return out;
        }

        /** Moves the pages' clock ahead (timers due on the way fire). */
        public void fastForward(Duration d) {
            call(command("fastForward").put("context", name).put("ms", d.toMillis()));
        }

        /** Runs {@code expression} in each page at once and answers their results in order. */
        public List<JsonNode> evaluateAtOnce(String expression, Page... pages) {
            ObjectNode c = command("evaluateAll").put("expression", expression);
            for (Page p : pages) {
                c.withArray("pages").add(p.name);
            }
            List<JsonNode> out = new ArrayList<>();
            call(c).forEach(out::add);
            return out;
        }

        public void close() {
            call(command("closeContext").put("context", name));
        }
    }

    /** One tab. */
    public final class Page {
        private final String name;

        Page(String name) {
            this.name = name;
        }

        /** Loads {@code url} and answers where the page ended up. */
        public String go(String url) {
            return call(command("goto").put("page", name).put("url", url)).asText();
        }

        public void click(String selector) {
            call(command("click").put("page", name).put("selector", selector));
        }

        /** Waits until the page's URL starts with {@code prefix} and it has loaded; answers the URL. */
        public String waitForUrl(String prefix) {
            return call(command("waitForUrl").put("page", name).put("prefix", prefix)).asText();
        }

        /** Waits until the page is at exactly {@code url} and has loaded. */
        public void waitForExactUrl(String url) {
            call(command("waitForUrl").put("page", name).put("exact", url));
        }

        public String url() {
            return call(command("url").put("page", name)).asText();
        }

        /** The result of a JavaScript expression in the page (a promise is awaited), as JSON. */
        public JsonNode evaluate(String expression) {
            return call(command("evaluate").put("page", name).put("expression", expression));
        }

        /** Waits until a JavaScript expression is truthy in the page (30 s at most). */
        public void waitFor(String expression) {
            call(command("waitFor").put("page", name).put("expression", expression));
        }

        /** The rendered text of the first element matching {@code selector} (shadow DOM included). */
        public String text(String selector) {
            return call(command("text").put("page", name).put("selector", selector)).asText();
        }

        public void screenshot(Path file) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            call(command("screenshot").put("page", name).put("path", file.toAbsolutePath().toString()));
        }

        /** Console errors and uncaught exceptions since the last call. */
        public List<String> errors() {
            List<String> out = new ArrayList<>();
            call(command("errors").put("page", name)).forEach(e -> out.add(e.asText()));
            return out;
        }

        /** Every request this tab made, as {@code METHOD url}. */
        public List<String> requests() {
            List<String> out = new ArrayList<>();
            call(command("requests").put("page", name)).forEach(e -> out.add(e.asText()));
            return out;
        }

        public void bringToFront() {
            call(command("bringToFront").put("page", name));
        }
    }

    private static void pump(InputStream in, LinkedBlockingQueue<String> lines, StringBuilder text) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (lines != null) {
                    lines.add(line);
                } else {
                    synchronized (text) {
                        text.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // the driver ended
        }
    }

    private static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : FILES) {
            try (InputStream in = Chromium.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IOException("dev/authkit/testsupport/browser/" + file + " is missing from the authkit-test-support jar");
                }
                Files.copy(in, WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Process p;
        try {
            p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error").directory(WORK.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot start npm (" + e.getMessage() + ")", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("npm install playwright-core failed: " + out);
        }
    }
}
