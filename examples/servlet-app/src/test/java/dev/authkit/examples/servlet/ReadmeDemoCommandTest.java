package dev.authkit.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.testkit.DemoData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * Starts the demo exactly as README.md says (the command under "Run the demo", from the repository
 * root, without WORKOS_* variables) and signs in through it in a headless browser.
 */
class ReadmeDemoCommandTest {
    static final Path ROOT = Paths.get("..", "..").toAbsolutePath().normalize();

    static String demoCommand() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int heading = lines.indexOf("## Run the demo");
        assertThat(heading).as("README.md has a '## Run the demo' section").isGreaterThanOrEqualTo(0);
        for (int i = heading + 1; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("```")) {
                return lines.get(i + 1).trim();
            }
        }
        throw new AssertionError("no command block under '## Run the demo'");
    }

    @Test
    void theReadmeCommandStartsADemoYouCanSignInTo() throws Exception {
        String command = demoCommand();
        assertThat(command).startsWith("mvn ");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("WORKOS_") || k.startsWith("NEXT_PUBLIC_WORKOS"));
        pb.environment().put("PORT", Integer.toString(port));
        long started = System.nanoTime();
        Process process = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("Demo running at")) {
                        ready.countDown();
                    }
                }
            } catch (Exception e) {
                // the process ended
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(ready.await(240, TimeUnit.SECONDS)).as("demo output: %s", output).isTrue();
            System.out.printf("demo started in %.1f s%n", (System.nanoTime() - started) / 1e9);
            assertThat(output).anyMatch(l -> l.contains("embedded FakeWorkOS"));
            try (WebClient browser = new WebClient()) {
                browser.getOptions().setJavaScriptEnabled(false);
                browser.getOptions().setCssEnabled(false);
                HtmlPage home = browser.getPage("http://localhost:" + port + "/");
                HtmlPage hosted = home.getHtmlElementById("sign-in").click();
                HtmlPage account = hosted.getHtmlElementById("sign-in-" + DemoData.ALICE).click();
                assertThat(account.getUrl().getPath()).isEqualTo("/account");
                assertThat(account.getHtmlElementById("email").asNormalizedText()).isEqualTo("alice@example.com");
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
