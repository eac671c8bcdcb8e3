package dev.authkit.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 (ee10) and Tomcat 10.1 with one filter and one (async-capable) servlet on {@code /*}. */
final class Containers {
    private Containers() {
    }

    static AutoCloseable jetty(int port, Filter filter, HttpServlet servlet) throws Exception {
        return jetty(port, "", filter, EnumSet.of(DispatcherType.REQUEST), servlet, null);
    }

    /**
     * Jetty with a context path ({@code ""} for the root), the filter on the given dispatch types,
     * and, when {@code errorPage} is set, that path as the page for every error.
     */
    static AutoCloseable jetty(int port, String contextPath, Filter filter, EnumSet<DispatcherType> dispatches,
                               HttpServlet servlet, String errorPage) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(contextPath.isEmpty() ? "/" : contextPath);
        context.addFilter(new FilterHolder(filter), "/*", dispatches);
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        if (errorPage != null) {
            ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
            errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, errorPage);
            context.setErrorHandler(errors);
        }
        server.setHandler(context);
        server.start();
        return server::stop;
    }

    static AutoCloseable tomcat(int port, Filter filter, HttpServlet servlet) throws Exception {
        return tomcat(port, "", filter, EnumSet.of(DispatcherType.REQUEST), servlet, null);
    }

    /** Tomcat like {@link #jetty(int, String, Filter, EnumSet, HttpServlet, String)}. */
    static AutoCloseable tomcat(int port, String contextPath, Filter filter, EnumSet<DispatcherType> dispatches,
                                HttpServlet servlet, String errorPage) throws Exception {
        Path baseDir = Files.createTempDirectory("tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext(contextPath, baseDir.toString());
        FilterDef def = new FilterDef();
        def.setFilterName("authkit");
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("authkit");
        map.addURLPattern("/*");
        for (DispatcherType type : dispatches) {
            map.setDispatcher(type.name());
        }
        context.addFilterMap(map);
        Tomcat.addServlet(context, "app", servlet).setAsyncSupported(true);
        if (errorPage != null) {
            ErrorPage page = new ErrorPage();
            page.setLocation(errorPage);
            context.addErrorPage(page);
        }
        context.addServletMappingDecoded("/*", "app");
        tomcat.start();
        return () -> {
            tomcat.stop();
            tomcat.destroy();
            try (var files = Files.walk(baseDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        };
    }
}
