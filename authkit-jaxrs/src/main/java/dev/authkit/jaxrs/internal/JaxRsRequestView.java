package dev.authkit.jaxrs.internal;

import dev.authkit.core.AuthKitRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;

/** A JAX-RS request as authkit-core's request: method, the absolute request URI as sent, headers. */
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

    @Override
    public List<String> headers(String name) {
        List<String> values = request.getHeaders().get(name);
        return values == null ? List.of() : List.copyOf(values);
    }
}
