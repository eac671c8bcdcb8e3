package dev.authkit.servlet;

import dev.authkit.core.AuthKit;
import dev.authkit.testkit.conformance.AdapterConformanceSuite;

/** The adapter conformance suite on embedded Tomcat 10.1. */
class TomcatConformanceTest extends AdapterConformanceSuite {
    @Override
    protected RunningApp start(int port, AuthKit authKit) throws Exception {
        AutoCloseable server = Containers.tomcat(port, new AuthKitFilter(authKit), new EchoServlet());
        return server::close;
    }

    @Override
    protected RunningApp startUnder(int port, String basePath, AuthKit authKit) throws Exception {
        AutoCloseable server = Containers.tomcat(port, basePath, new AuthKitFilter(authKit),
                java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), new EchoServlet(), null);
        return server::close;
    }
}
