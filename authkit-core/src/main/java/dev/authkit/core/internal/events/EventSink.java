package dev.authkit.core.internal.events;

import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.AuthKitEvent.CallResult;
import dev.authkit.core.RefreshFailure;
import dev.authkit.core.RefreshSuccess;
import dev.authkit.core.WorkOSEndpoint;
import dev.authkit.core.WorkOSObserver;
import dev.authkit.core.internal.workos.WorkOSResponses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place every stage reports what it did: delivers {@link AuthKitEvent}s to the listeners
 * of {@code AuthKit.Builder.events(..)} and feeds the {@code onSessionRefreshSuccess/Error}
 * callbacks; times every WorkOS call ({@link #call}) and tells when WorkOS becomes unavailable and
 * recovers. A listener that throws is logged (by exception type only) and skipped: it never
 * changes a request's outcome. Listeners run on the request's thread, so one that blocks delays
 * the request by its own time only. Thread-safe.
 */
public final class EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventSink.class);

    /** A WorkOS call, which may throw checked exceptions (the JWKS fetch does). */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T run() throws E;
    }

    private final List<Consumer<AuthKitEvent>> listeners;
    private final List<WorkOSObserver> observers;
    private final Consumer<RefreshSuccess> onRefreshSuccess;
    private final Consumer<RefreshFailure> onRefreshError;
    private final Clock clock;
    /** When WorkOS became unavailable; null while it answers. */
    private final AtomicReference<Instant> downSince = new AtomicReference<>();

    public EventSink(List<Consumer<AuthKitEvent>> listeners, Consumer<RefreshSuccess> onRefreshSuccess,
                     Consumer<RefreshFailure> onRefreshError, Clock clock) {
        this.listeners = List.copyOf(listeners);
        List<WorkOSObserver> obs = new ArrayList<>();
        for (Consumer<AuthKitEvent> l : listeners) {
            if (l instanceof WorkOSObserver o) {
                obs.add(o);
            }
        }
        this.observers = List.copyOf(obs);
        this.onRefreshSuccess = onRefreshSuccess;
        this.onRefreshError = onRefreshError;
        this.clock = clock;
    }

    /** A sink with no listeners and no callbacks, for stages built on their own (tests). */
    public static EventSink none(Clock clock) {
        return new EventSink(List.of(), e -> { }, e -> { }, clock);
    }

    /** Whether anyone listens; callers may skip building an event when not. */
    public boolean active() {
        return !listeners.isEmpty();
    }

    public Instant now() {
        return clock.instant();
    }

    /** Delivers {@code event} to every listener, each guarded. */
    public void emit(AuthKitEvent event) {
        for (int i = 0; i < listeners.size(); i++) {
            Consumer<AuthKitEvent> l = listeners.get(i);
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("AuthKit event listener {} threw {} on {}; ignored", l.getClass().getName(),
                        e.getClass().getName(), event.getClass().getSimpleName());
            }
        }
    }

    /** A refresh made here succeeded: {@code onSessionRefreshSuccess} and the event, from one place. */
    public void refreshed(RefreshSuccess success, AuthKitEvent.SessionRefreshed event) {
        guarded(onRefreshSuccess, success, "onSessionRefreshSuccess");
        emit(event);
    }

    /** A refresh left the request signed out: {@code onSessionRefreshError}. */
    public void refreshError(RefreshFailure failure) {
        guarded(onRefreshError, failure, "onSessionRefreshError");
    }

    /**
     * Runs one WorkOS call: wrapped by the {@link WorkOSObserver}s, timed, reported as an
     * {@link AuthKitEvent.WorkOSCall}, and followed by {@link AuthKitEvent.WorkOSUnavailable} or
     * {@link AuthKitEvent.WorkOSRecovered} when WorkOS's availability changes. The call's result
     * or exception passes through unchanged.
     */
    public <T, E extends Exception> T call(WorkOSEndpoint endpoint, Call<T, E> call) throws E {
        if (listeners.isEmpty()) {
            return call.run();
        }
        WorkOSObserver.Scope[] scopes = start(endpoint);
        Instant at = clock.instant();
        long started = System.nanoTime();
        try {
            T result = call.run(); // the SDK and jose4j throw for every status but success
            finish(scopes, endpoint, at, started, CallResult.SUCCESS, 200, "HTTP 200");
            return result;
        } catch (Exception e) {
            // a checked exception is the JWKS fetch's IOException: no answer, or not a 200
            WorkOSResponses.Failure f = e instanceof RuntimeException r ? WorkOSResponses.classify(r)
                    : new WorkOSResponses.Failure(WorkOSResponses.Kind.TRANSIENT, 0,
                    Optional.of(e.getClass().getSimpleName()), Optional.empty());
            finish(scopes, endpoint, at, started, f.isTransient() ? CallResult.UNAVAILABLE : CallResult.REFUSED,
                    f.status(), f.description());
            throw e;
        }
    }

    private WorkOSObserver.Scope[] start(WorkOSEndpoint endpoint) {
        WorkOSObserver.Scope[] scopes = new WorkOSObserver.Scope[observers.size()];
        for (int i = 0; i < scopes.length; i++) {
            try {
                scopes[i] = observers.get(i).start(endpoint);
            } catch (RuntimeException e) {
                LOG.warn("WorkOS observer {} threw {}; ignored", observers.get(i).getClass().getName(), e.getClass().getName());
            }
        }
        return scopes;
    }

    private void finish(WorkOSObserver.Scope[] scopes, WorkOSEndpoint endpoint, Instant at, long started,
                        CallResult result, int status, String reason) {
        AuthKitEvent.WorkOSCall event = new AuthKitEvent.WorkOSCall(at, endpoint, result,
                Duration.ofNanos(System.nanoTime() - started), status);
        for (int i = scopes.length - 1; i >= 0; i--) {
            if (scopes[i] != null) {
                try {
                    scopes[i].stop(event);
                } catch (RuntimeException e) {
                    LOG.warn("WorkOS observer scope threw {}; ignored", e.getClass().getName());
                }
            }
        }
        emit(event);
        Instant now = clock.instant();
        if (result == CallResult.UNAVAILABLE) {
            if (downSince.compareAndSet(null, now)) {
                emit(new AuthKitEvent.WorkOSUnavailable(now, endpoint, reason));
            }
        } else {
            Instant since = downSince.getAndSet(null);
            if (since != null) {
                emit(new AuthKitEvent.WorkOSRecovered(now, Duration.between(since, now), endpoint));
            }
        }
    }

    private static <T> void guarded(Consumer<T> callback, T value, String name) {
        try {
            callback.accept(value);
        } catch (RuntimeException e) {
            LOG.warn("{} threw {}; ignored", name, e.getClass().getName());
        }
    }
}
