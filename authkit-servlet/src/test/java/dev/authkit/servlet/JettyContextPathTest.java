package dev.authkit.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;

/** {@link ContextPathSuite} on embedded Jetty 12 (ee10). */
class JettyContextPathTest extends ContextPathSuite {
    @Override
    AutoCloseable start(int port, String contextPath, Filter filter, EnumSet<DispatcherType> dispatches, HttpServlet servlet,
                        String errorPage) throws Exception {
        return Containers.jetty(port, contextPath, filter, dispatches, servlet, errorPage);
    }
}
