package dev.authkit.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.conformance.AdapterConformanceSuite.RunningApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One keep-alive connection that mixes a request the filter hands to the scheduler (a stale
 * session: the refresh calls WorkOS) with one it answers inline (a public page). The second
 * request arrives while the first is still on the scheduler, so Reactor Netty queues it and
 * dispatches it when the first ends; if the filter then answered it on the same call stack, Reactor
 * Netty (1.3.x, reactor/reactor-netty#4361) would stop reading the connection and the next
 * request would never be answered. The filter finishes an inline answer in a task of its own on
 * the connection's event loop instead.
 */
class KeepAliveAfterInlineAnswerTest {
    static final String PASSWORD = "keep-alive-after-inline-answer-password-0123456789";

    FakeWorkOS fake;
    RunningApp app;
    int port;

    @BeforeEach
    void start() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        port = NettyApps.freePort();
        AuthKit authKit = AuthKit.builder(NettyApps.config(fake, port, PASSWORD).build()).clock(fake.clock()).middlewareAuth(true)
                .unauthenticatedPaths("/public/:path*").build();
        app = NettyApps.start(port, "", authKit);
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        fake.close();
    }

    @Test
    void aConnectionKeepsBeingReadAfterAQueuedRequestWasAnsweredInline() throws Exception {
        for (int round = 0; round < 5; round++) {
            IssuedSession stale = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
            fake.clock().advance(Duration.ofMinutes(6));
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                // both in one write: the second is read while the first waits for WorkOS
                out.write((request("/protected", "Cookie: wos-session=" + stale.cookieValue(PASSWORD) + "\r\n")
                        + request("/public/second", "")).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(statusAndBody(in)).as("round %d: the stale session, refreshed", round)
                        .startsWith("200").contains(DemoData.ALICE);
                assertThat(statusAndBody(in)).as("round %d: the queued public page", round).startsWith("200")
                        .contains("/public/second");
                out.write(request("/public/third", "").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String third;
                try {
                    third = statusAndBody(in);
                } catch (SocketTimeoutException stuck) {
                    third = "no answer within 5 s: the server stopped reading the connection";
                }
                assertThat(third).as("round %d: the next request on the same connection", round).startsWith("200")
                        .contains("/public/third");
            }
        }
    }

    private static String request(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n" + extraHeaders + "\r\n";
    }

    /** Reads one response (headers and a Content-Length body): "status body". */
    private static String statusAndBody(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes of a response head");
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int length = 0;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return lines[0].split(" ")[1] + " " + new String(body, StandardCharsets.UTF_8);
    }
}
