package dev.authkit.core;

/**
 * Wraps each call authkit makes to WorkOS, for tracing: {@link #start} runs on the calling thread
 * right before the call and {@link Scope#stop} right after, on the same thread, so a tracing
 * bridge sees each call as a span. {@code authkit-micrometer}'s {@code AuthKitObservations}
 * implements it with Micrometer {@code Observation}s.
 *
 * <p>Register it as an event listener ({@code AuthKit.Builder.events(..)}) that also implements
 * this interface. Implementations must be cheap and must not throw (a throw is logged and ignored).
 */
public interface WorkOSObserver {
    /** Called before the call. */
    Scope start(WorkOSEndpoint endpoint);

    /** One call in progress. */
    interface Scope {
        /** Called after the call, with what it came to (the same value listeners get as an event). */
        void stop(AuthKitEvent.WorkOSCall call);
    }
}
