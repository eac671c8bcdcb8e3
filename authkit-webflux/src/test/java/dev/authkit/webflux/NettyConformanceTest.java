package dev.authkit.webflux;

import dev.authkit.core.AuthKit;
import dev.authkit.testkit.conformance.AdapterConformanceSuite;

/** The WebFlux adapter on Reactor Netty runs the suite every adapter runs, at the root and under a base path. */
class NettyConformanceTest extends AdapterConformanceSuite {
    @Override
    protected RunningApp start(int port, AuthKit authKit) {
        return NettyApps.start(port, "", authKit);
    }

    /** The base path as {@code spring.webflux.base-path} sets it: a {@code ContextPathCompositeHandler}. */
    @Override
    protected RunningApp startUnder(int port, String basePath, AuthKit authKit) {
        return NettyApps.start(port, basePath, authKit);
    }
}
