package dev.authkit.security;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP/1.1 client over a plain socket that sends the request target byte for byte (an HTTP
 * client library would normalise {@code /admin/..} or refuse {@code \}). It keeps the connection
 * alive and reconnects when the server closes it. Not thread-safe: one per test thread.
 */
final class RawHttp implements Closeable {
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(int port) {
        this.port = port;
    }

    /** A response: status, the header block exactly as received, and the body. */
    record Response(int status, String head, int headBytes, String body) {
        List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).trim());
                }
            }
            return values;
        }

        Optional<String> header(String name) {
            List<String> v = headers(name);
            return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }
    }

    /** {@code GET target} with the given extra header lines ({@code Name: value}). */
    Response get(String target, String... headerLines) {
        return send("GET", target, headerLines);
    }

    Response send(String method, String target, String... headerLines) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String h : headerLines) {
            b.append(h).append("\r\n");
        }
        if (method.equals("POST")) {
            b.append("Content-Length: 0\r\n");
        }
        b.append("\r\n");
        byte[] request = b.toString().getBytes(StandardCharsets.UTF_8);
        try {
            return exchange(request, method.equals("HEAD"));
        } catch (IOException stale) {
            // the server closed a kept-alive connection between requests: once more on a new one
            close();
            try {
                return exchange(request, method.equals("HEAD"));
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("request " + method + " " + target.substring(0, Math.min(80, target.length())), e);
            }
        }
    }

    private Response exchange(byte[] request, boolean head) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed before a response");
            }
            headBytes.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                    : (c == '\r' ? 1 : 0);
        }
        String headText = headBytes.toString(StandardCharsets.ISO_8859_1);
        String statusLine = headText.substring(0, headText.indexOf("\r\n"));
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Response shell = new Response(status, headText, headBytes.size(), "");
        boolean close = shell.headers("Connection").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"));
        byte[] body;
        Optional<String> length = shell.header("Content-Length");
        boolean chunked = shell.headers("Transfer-Encoding").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if (chunked) {
            body = readChunked();
        } else if (length.isPresent()) {
            body = in.readNBytes(Integer.parseInt(length.get().trim()));
        } else {
            body = in.readAllBytes();
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(status, headText, headBytes.size(), new String(body, StandardCharsets.UTF_8));
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c < 0) {
            throw new IOException("connection closed inside a chunked body");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that failed already
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
