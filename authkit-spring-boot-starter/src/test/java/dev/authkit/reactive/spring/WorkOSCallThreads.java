package dev.authkit.reactive.spring;

import dev.authkit.core.AuthKitEvent;
import dev.authkit.core.WorkOSEndpoint;
import dev.authkit.core.WorkOSObserver;
import dev.authkit.spring.AuthKitBuilderCustomizer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.scheduler.Schedulers;

/**
 * Records the thread of every WorkOS call the auto-configured {@code AuthKit} makes (through an
 * {@link AuthKitBuilderCustomizer}), so a test can show none ran on a Reactor Netty event loop.
 * The same check as authkit-webflux's {@code NoBlockingOnTheEventLoopTest}, which shows it failing
 * with the core run inline on the event loop.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WorkOSCallThreads implements Consumer<AuthKitEvent>, WorkOSObserver {
    /** One WorkOS call and the thread that made it. */
    public record Call(WorkOSEndpoint endpoint, String thread, boolean eventLoop) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Bean
    AuthKitBuilderCustomizer recordWorkOSCallThreads() {
        return b -> b.events(this);
    }

    @Override
    public void accept(AuthKitEvent event) {
    }

    @Override
    public Scope start(WorkOSEndpoint endpoint) {
        Thread t = Thread.currentThread();
        calls.add(new Call(endpoint, t.getName(), t.getName().startsWith("reactor-http-") || Schedulers.isNonBlockingThread(t)));
        return call -> {
        };
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }
}
