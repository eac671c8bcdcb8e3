package dev.authkit.servlet;

import dev.authkit.core.AuthKit;
import dev.authkit.testkit.conformance.AdapterConformanceSuite;

/** The adapter conformance suite on embedded Jetty 12 (ee10). */
class JettyConformanceTest extends AdapterConformanceSuite {
    @Override
    protected RunningApp start(int port, AuthKit authKit) throws Exception {
        AutoCloseable server = Containers.jetty(port, new AuthKitFilter(authKit), new EchoServlet());
        return server::close;
    }

    @Override
    protected RunningApp startUnder(int port, String basePath, AuthKit authKit) throws Exception {
        AutoCloseable server = Containers.jetty(port, basePath, new AuthKitFilter(authKit),
                java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), new EchoServlet(), null);
        return server::close;
    }
}
