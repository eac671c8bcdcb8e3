package dev.authkit.interop.nextjs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A browser reduced to what the test needs: one cookie jar for the host {@code localhost} (cookies
 * do not tell ports apart, so a Java app and a Next.js app on two ports of localhost share them),
 * redirects followed by hand so each hop's {@code Set-Cookie} lands in the jar.
 */
final class CookieBrowser {
    /** HTTP/1.1: Node's server takes the h2c upgrade Java offers by default as a WebSocket and never answers. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> jar = new LinkedHashMap<>();

    Optional<String> cookie(String name) {
        return Optional.ofNullable(jar.get(name));
    }

    /** GET, following redirects; returns the last answer. */
    HttpResponse<String> get(String url) {
        return follow(send(HttpRequest.newBuilder(URI.create(url)).GET()));
    }

    /** POST with the page's own {@code Origin}, as a browser's form post, following redirects. */
    HttpResponse<String> post(String url) {
        URI uri = URI.create(url);
        return follow(send(HttpRequest.newBuilder(uri).header("Origin", uri.getScheme() + "://" + uri.getAuthority())
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.noBody())));
    }

    /** GET without following redirects. */
    HttpResponse<String> getOnce(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> follow(HttpResponse<String> r) {
        for (int hops = 0; hops < 10 && r.statusCode() / 100 == 3; hops++) {
            URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
            r = send(HttpRequest.newBuilder(next).GET());
        }
        return r;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!jar.isEmpty()) {
            request.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        request.timeout(Duration.ofMinutes(2));
        HttpResponse<String> r;
        try {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String host = r.uri().getHost();
        if ("localhost".equals(host)) {
            r.headers().allValues("Set-Cookie").forEach(this::store);
        }
        return r;
    }

    private void store(String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        boolean deletion = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attr = parts[i].trim().toLowerCase(Locale.ROOT);
            if (attr.equals("max-age=0") || attr.startsWith("expires=thu, 01 jan 1970")) {
                deletion = true;
            }
        }
        if (deletion) {
            jar.remove(name);
        } else {
            jar.put(name, value);
        }
    }
}
