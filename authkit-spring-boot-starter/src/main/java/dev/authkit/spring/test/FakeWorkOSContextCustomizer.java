package dev.authkit.spring.test;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.spring.AuthKitBuilderCustomizer;
import dev.authkit.testkit.FakeWorkOS;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the fake before the context refreshes, registers it (and {@link AuthKitTestSessions}) as
 * beans, and puts the properties that point the application at it first in the environment.
 * Equal customizers share a cached context, and so one fake.
 */
final class FakeWorkOSContextCustomizer implements ContextCustomizer {
    static final String FAKE_BEAN = "fakeWorkOS";
    static final String RESET_BEAN = "authKitFakeWorkOSReset";
    private static final String PROPERTY_SOURCE = "authkitFakeWorkOS";

    private final boolean demoData;
    private final boolean randomPort;

    FakeWorkOSContextCustomizer(boolean demoData, boolean randomPort) {
        this.demoData = demoData;
        this.randomPort = randomPort;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        FakeWorkOS.Builder builder = FakeWorkOS.builder();
        if (demoData) {
            builder.withDemoData();
        }
        FakeWorkOS fake = builder.start();
        ConfigurableEnvironment env = context.getEnvironment();
        Map<String, Object> props = new HashMap<>();
        props.put("authkit.client-id", fake.clientId());
        props.put("authkit.api-key", fake.apiKey());
        props.put("authkit.api-hostname", "127.0.0.1");
        props.put("authkit.api-https", "false");
        props.put("authkit.api-port", Integer.toString(fake.port()));
        if (isBlank(env.getProperty("authkit.cookie-password")) && isBlank(env.getProperty(AuthKitConfig.COOKIE_PASSWORD))) {
            props.put("authkit.cookie-password", randomPassword());
        }
        String contextPath = context instanceof ReactiveWebApplicationContext
                ? env.getProperty("spring.webflux.base-path", "") : env.getProperty("server.servlet.context-path", "");
        contextPath = contextPath.isBlank() || contextPath.trim().equals("/") ? "" : normalized(contextPath.trim());
        String configured = firstNonBlank(env.getProperty("authkit.redirect-uri"), env.getProperty(AuthKitConfig.REDIRECT_URI));
        String callbackPath = configured == null ? contextPath + "/callback" : URI.create(configured).getRawPath();
        if (randomPort) {
            int port = freePort();
            props.put("server.port", Integer.toString(port));
            props.put("authkit.redirect-uri", "http://localhost:" + port + callbackPath);
        } else if (configured == null) {
            props.put("authkit.redirect-uri", "http://localhost" + callbackPath);
        }
        env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, props));

        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        beans.registerSingleton(FAKE_BEAN, fake);
        beans.registerSingleton("authKitFakeWorkOSClock", (AuthKitBuilderCustomizer) b -> b.clock(fake.clock()));
        beans.registerSingleton("authKitTestSessions", new AuthKitTestSessions(fake, () -> context.getBean(AuthKit.class)));
        beans.registerSingleton(RESET_BEAN, (Runnable) fake::reset);
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) e -> {
            if (e.getApplicationContext() == context) {
                fake.close();
            }
        });
    }

    /** {@code app/} as Spring Boot reads it: {@code /app}. */
    private static String normalized(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstNonBlank(String a, String b) {
        return !isBlank(a) ? a : !isBlank(b) ? b : null;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A port free right now, for the server to listen on so the redirect URI can name it before the context starts. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the test server", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeWorkOSContextCustomizer other && other.demoData == demoData && other.randomPort == randomPort;
    }

    @Override
    public int hashCode() {
        return Objects.hash(demoData, randomPort);
    }
}
