package dev.authkit.micrometer;

import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.WorkOSEndpoint;
import dev.authkit.core.WorkOSObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Traces of authkit's WorkOS calls: a Micrometer {@link Observation} named
 * {@value #NAME} around each call (code exchange, refresh, JWKS fetch, API-key validation,
 * organization lookup), so an application with a tracing bridge sees each as a span
 * ({@code workos refresh}, ...) under the request's. Low-cardinality keys {@code endpoint} and
 * {@code outcome} (success, refused, unavailable); the high-cardinality key {@code http.status}.
 * Never a token or an id.
 *
 * <pre>{@code
 * AuthKit.builder(config).events(AuthKitObservations.of(observationRegistry)).build();
 * }</pre>
 *
 * <p>It listens to no other event ({@link #accept} does nothing): the core sees that it is a
 * {@link WorkOSObserver} and wraps the calls.
 */
public final class AuthKitObservations implements Consumer<AuthKitEvent>, WorkOSObserver {
    /** The observation's name. */
    public static final String NAME = "authkit.workos";

    private final ObservationRegistry registry;

    private AuthKitObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    public static AuthKitObservations of(ObservationRegistry registry) {
        return new AuthKitObservations(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public Scope start(WorkOSEndpoint endpoint) {
        if (registry.isNoop()) {
            return call -> { };
        }
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("workos " + endpoint.tag())
                .lowCardinalityKeyValue("endpoint", endpoint.tag())
                .start();
        Observation.Scope scope = observation.openScope();
        return call -> {
            try {
                observation.lowCardinalityKeyValue("outcome", call.result().name().toLowerCase(Locale.ROOT));
                observation.highCardinalityKeyValue("http.status", Integer.toString(call.status()));
            } finally {
                scope.close();
                observation.stop();
            }
        };
    }

    @Override
    public void accept(AuthKitEvent event) {
        // observations are made around the calls, in start(..)
    }
}
