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
}
