package dev.authkit.jaxrs.internal;

import dev.authkit.core.AuthKitRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A JAX-RS request as authkit-core's request: method, the absolute request URI as sent, headers,
 * and the application's base path as the context path.
 */
public final class JaxRsRequestView implements AuthKitRequest {
    private final ContainerRequestContext request;

    public JaxRsRequestView(ContainerRequestContext request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String url() {
        return request.getUriInfo().getRequestUri().toString();
    }

    /**
     * The path of the application's base URI ({@code UriInfo.getBaseUri()}: the servlet context
     * path and servlet mapping plus {@code @ApplicationPath}, or the path an embedded server was
     * started on), without its trailing slash: {@code /app} for {@code http://host/app/}, {@code ""}
     * at the root. So globs, the built-in routes and the JSON API are relative to where the
     * application is mounted, as behind the servlet filter.
     */
    @Override
    public String contextPath() {
        URI base = request.getUriInfo().getBaseUri();
        String path = base == null ? null : base.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * The entity, read from the entity stream up to {@code maxBytes} (one byte more tells it is
     * longer). The bytes read are put back in front of the rest of the stream
     * ({@code setEntityStream}), so a resource that reads the entity later still gets all of it;
     * only the core's webhook route asks, and it answers the request itself.
     */
    @Override
    public Optional<String> body(int maxBytes) {
        InputStream in = request.getEntityStream();
        if (in == null) {
            return Optional.of("");
        }
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException | UncheckedIOException | IllegalStateException e) { // a broken connection, or no blocking read here
            return Optional.empty();
        }
        request.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(bytes), in));
        return bytes.length > maxBytes ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = request.getHeaders().get(name);
        return values == null ? List.of() : List.copyOf(values);
    }
}
