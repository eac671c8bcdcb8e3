package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import dev.authkit.testkit.junit5.InjectFakeWorkOS;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs test classes that use the extension through the JUnit engine and checks, once each class
 * has finished, that its server no longer answers: the extension stops it in its after-all
 * callback instead of leaving that to JUnit's store.
 */
class ExtensionStopsServerTest {
    static final AtomicReference<String> BASE_URL = new AtomicReference<>();

    @Test
    void theDeclarativeExtensionStopsItsServerAfterTheClass() throws Exception {
        runAndExpectOneSuccess(Declarative.class);
        assertStopped(BASE_URL.get());
    }

    @Test
    void aRegisteredExtensionStopsItsServerAfterTheClass() throws Exception {
        runAndExpectOneSuccess(Registered.class);
        assertStopped(BASE_URL.get());
    }

    private static void runAndExpectOneSuccess(Class<?> testClass) {
        BASE_URL.set(null);
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.store.close.autocloseable.enabled", "false")
                .selectors(selectClass(testClass))
                .execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(BASE_URL.get()).isNotNull();
    }

    private static void assertStopped(String baseUrl) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/sso/jwks/client_fake")).build(),
                    HttpResponse.BodyHandlers.discarding());
            throw new AssertionError("the FakeWorkOS server still answers after its class: HTTP " + r.statusCode());
        } catch (ConnectException expected) {
            // stopped
        } catch (IOException e) {
            assertThat(e).as("refused or reset, as a stopped server is").hasMessageNotContaining("HTTP");
        }
    }

    @ExtendWith(FakeWorkOSExtension.class)
    static class Declarative {
        @InjectFakeWorkOS
        FakeWorkOS workos;

        @Test
        void runs() {
            BASE_URL.set(workos.baseUrl());
        }
    }

    static class Registered {
        @RegisterExtension
        static FakeWorkOSExtension workos = new FakeWorkOSExtension(FakeWorkOS.builder().withDemoData());

        @Test
        void runs() {
            BASE_URL.set(workos.server().baseUrl());
        }
    }
}
