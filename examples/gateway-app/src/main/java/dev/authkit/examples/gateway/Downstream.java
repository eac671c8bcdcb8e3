package dev.authkit.examples.gateway;

import dev.authkit.core.AuthKitConfig;
import dev.authkit.examples.jaxrs.JaxRsDemo;
import dev.authkit.testkit.LocalDevelopment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The service behind the gateway: one at a given URI, or the JAX-RS example started here. */
public final class Downstream implements AutoCloseable {
    private final URI uri;
    private final Optional<JaxRsDemo> started;

    private Downstream(URI uri, Optional<JaxRsDemo> started) {
        this.uri = uri;
        this.started = started;
    }

    static Downstream at(URI uri) {
        return new Downstream(uri, Optional.empty());
    }

    /**
     * The JAX-RS example on a free local port, verifying bearer tokens against the same WorkOS as
     * the gateway (real WorkOS from {@code env}, or the gateway's embedded fake).
     */
    static Downstream startJaxRsExample(LocalDevelopment workos, Map<String, String> env) {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> vars = new LinkedHashMap<>(env);
        workos.fake().ifPresent(fake -> {
            vars.putAll(fake.environment());
            vars.put(AuthKitConfig.COOKIE_PASSWORD, workos.config().cookiePassword());
        });
        vars.putIfAbsent(AuthKitConfig.REDIRECT_URI, "http://localhost:" + port + "/callback");
        JaxRsDemo demo = JaxRsDemo.start(port, vars);
        return new Downstream(URI.create("http://localhost:" + port), Optional.of(demo));
    }

    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        started.ifPresent(JaxRsDemo::close);
    }
}
