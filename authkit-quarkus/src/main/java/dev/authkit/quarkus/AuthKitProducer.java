package dev.authkit.quarkus;

import dev.authkit.core.AuthKit;
import dev.authkit.core.RefreshCoordination;
import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The application's {@link AuthKit}, built from MicroProfile Config as {@link AuthKitSettings}
 * describes ({@code WORKOS_*} or {@code authkit.*}; environment variables, system properties and
 * {@code application.properties} alike). A default bean: an application that produces its own
 * {@code AuthKit} replaces it. A {@link Clock} bean, when the application has one, is the AuthKit's
 * clock; so is the clock a test resource hands over under {@link #TEST_CLOCK} (see
 * {@code dev.authkit.quarkus.test.FakeWorkOSTestResource}).
 */
@ApplicationScoped
public class AuthKitProducer {
    /**
     * Configuration naming a {@link Clock} that a test resource placed among the system properties
     * under {@code dev.authkit.quarkus.clock.<value>}: how a FakeWorkOS started beside the application
     * hands its clock over. Tests only.
     */
    public static final String TEST_CLOCK = "authkit.test.clock";

    private volatile Optional<RefreshCoordination> coordination = Optional.empty();
    private volatile Optional<dev.authkit.core.RevocationList> revocationList = Optional.empty();

    @Produces
    @Singleton
    @DefaultBean
    AuthKit authKit(Config config, Instance<Clock> clocks) {
        AuthKitSettings.Result settings = AuthKitSettings.from(name -> config.getOptionalValue(name, String.class));
        coordination = settings.coordination();
        revocationList = settings.revocationList();
        AuthKit.Builder builder = settings.builder();
        Optional<Clock> testClock = config.getOptionalValue(TEST_CLOCK, String.class)
                .map(key -> System.getProperties().get("dev.authkit.quarkus.clock." + key))
                .filter(Clock.class::isInstance).map(Clock.class::cast);
        if (testClock.isPresent()) {
            builder.clock(testClock.get());
        } else if (clocks.isResolvable()) {
            builder.clock(clocks.get());
        }
        return builder.build();
    }

    @PreDestroy
    void close() {
        coordination.ifPresent(AuthKitSettings::closeQuietly);
        revocationList.ifPresent(AuthKitSettings::closeQuietly);
    }
}
