package dev.authkit.jaxrs;

import dev.authkit.core.AuthKit;
import dev.authkit.testkit.conformance.AdapterConformanceSuite;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** The adapter conformance suite on Jersey 3.1 over Grizzly. */
class JerseyConformanceTest extends AdapterConformanceSuite {
    @Override
    protected RunningApp start(int port, AuthKit authKit) {
        ResourceConfig app = new ResourceConfig().register(new AuthKitFeature(authKit)).register(EchoResource.class).register(GuardedEchoResource.class);
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + port + "/"), app);
        return server::shutdownNow;
    }

    /** Grizzly serves the application under the base URI's path, which Jersey reports as {@code UriInfo.getBaseUri()}. */
    @Override
    protected RunningApp startUnder(int port, String basePath, AuthKit authKit) {
        ResourceConfig app = new ResourceConfig().register(new AuthKitFeature(authKit)).register(EchoResource.class).register(GuardedEchoResource.class);
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + port + basePath + "/"), app);
        return server::shutdownNow;
    }
}
