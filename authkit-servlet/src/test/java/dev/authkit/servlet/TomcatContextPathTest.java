package dev.authkit.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;

/** {@link ContextPathSuite} on embedded Tomcat 10.1. */
class TomcatContextPathTest extends ContextPathSuite {
    @Override
    AutoCloseable start(int port, String contextPath, Filter filter, EnumSet<DispatcherType> dispatches, HttpServlet servlet,
                        String errorPage) throws Exception {
        return Containers.tomcat(port, contextPath, filter, dispatches, servlet, errorPage);
    }
}
