package dev.authkit.quarkus;

import dev.authkit.core.AuthKit;
import dev.authkit.jaxrs.AuthKitContainerFilter;
import dev.authkit.quarkus.internal.EventLoop;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * {@link AuthKitContainerFilter} as a discovered provider, with the application's {@link AuthKit}.
 * On Quarkus REST the pre-matching filter runs on the Vert.x event loop, and {@link AuthKit#handle}
 * may call WorkOS (a code exchange, a refresh): there the request is suspended, handled on a worker
 * thread, and resumed, so the event loop never waits for WorkOS. Elsewhere (classic RESTEasy runs
 * filters on worker threads) it runs inline.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthKitRequestFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** Field injection and a no-argument constructor: classic RESTEasy instantiates providers itself. */
    @Inject
    AuthKit authKit;

    private volatile AuthKitContainerFilter delegate;

    private AuthKitContainerFilter delegate() {
        AuthKitContainerFilter d = delegate;
        if (d == null) {
            d = new AuthKitContainerFilter(authKit);
            delegate = d;
        }
        return d;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        AuthKitContainerFilter d = delegate();
        if (EventLoop.isCurrentThread()) {
            EventLoop.offload(request, () -> d.filter(request));
        } else {
            d.filter(request);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        delegate().filter(request, response);
    }
}
