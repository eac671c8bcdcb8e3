package dev.authkit.quarkus.internal;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/** Moving work that may call WorkOS off a Vert.x event loop thread (Quarkus REST only). */
public final class EventLoop {
    private EventLoop() {
    }

    /** True on a Vert.x event loop thread, where nothing may block. */
    public static boolean isCurrentThread() {
        return Context.isOnEventLoopThread();
    }

    /**
     * Suspends {@code request}, runs {@code work} on a worker thread of the current Vert.x context,
     * then resumes the request on its event loop. A failure of {@code work} ends the request with a
     * 503 (the core never throws for client input; this is a defect or an outage).
     */
    public static void offload(ContainerRequestContext request, Runnable work) {
        if (!(request instanceof ResteasyReactiveContainerRequestContext reactive)) {
            work.run();
            return;
        }
        Context context = Vertx.currentContext();
        reactive.suspend();
        context.executeBlocking(() -> {
            work.run();
            return null;
        }, false).onComplete(result -> {
            if (result.failed()) {
                reactive.abortWith(Response.status(503).header("Retry-After", "5").build());
            }
            reactive.resume();
        });
    }
}
