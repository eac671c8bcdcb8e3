package dev.authkit.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.servlet.AuthKitFilter;
import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.LargeOrganization;
import dev.authkit.testsupport.browser.Chromium;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Large sessions (issue 19) in a real headless Chromium, on Jetty and on Tomcat with their default
 * 8 KiB request-header limits: a user whose token carries 400 permissions, 60 feature flags and 40
 * entitlements signs in (two chunk cookies), sees the pages, survives a refresh and a switch to a
 * small organization (the chunks give way to the plain cookie), and signs out with no
 * {@code wos-session*} cookie left; a user past the chunk cap sees the error page naming the fix,
 * once, not a sign-in loop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeSessionBrowserTest {
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static final String PASSWORD = "large-session-cookie-password-0123456789abcdef";

    enum Container { JETTY, TOMCAT }

    Chromium chromium;
    int contexts;

    @BeforeAll
    void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Answers the size of the request's head as the container received it: request line and headers. */
    static final class HeaderBytes extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            int bytes = req.getMethod().length() + 1 + req.getRequestURI().length() + 1 + req.getProtocol().length() + 2;
            for (String name : Collections.list(req.getHeaderNames())) {
                for (String value : Collections.list(req.getHeaders(name))) {
                    bytes += name.length() + 2 + value.length() + 2;
                }
            }
            res.setContentType("text/plain");
            res.getWriter().write(Integer.toString(bytes + 2));
        }
    }

    static AutoCloseable serve(Container container, int port, AuthKit authKit, HttpServlet pages) throws Exception {
        if (container == Container.JETTY) {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("localhost");
            connector.setPort(port);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.addFilter(new FilterHolder(new AuthKitFilter(authKit)), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new HeaderBytes()), "/header-bytes");
            context.addServlet(new ServletHolder(pages), "/");
            server.setHandler(context);
            server.start();
            return server::stop;
        }
        Tomcat tomcat = new Tomcat();
        Path base = Files.createTempDirectory("tomcat-large-session");
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("localhost");
        tomcat.setPort(port);
        tomcat.getConnector(); // the default HTTP/1.1 connector, default maxHttpHeaderSize (8 KiB)
        Context context = tomcat.addContext("", base.toString());
        FilterDef def = new FilterDef();
        def.setFilterName("authkit");
        def.setFilter(new AuthKitFilter(authKit));
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("authkit");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "headers", new HeaderBytes());
        context.addServletMappingDecoded("/header-bytes", "headers");
        Tomcat.addServlet(context, "pages", pages);
        context.addServletMappingDecoded("/", "pages");
        tomcat.start();
        return () -> {
            tomcat.stop();
            tomcat.destroy();
        };
    }

    static Map<String, String> sessionCookies(Chromium.Context browser) {
        Map<String, String> out = new LinkedHashMap<>();
        browser.cookies().forEach((name, value) -> {
            if (name.startsWith("wos-session")) {
                out.put(name, value);
            }
        });
        return out;
    }

    static int bytes(Map<String, String> cookies) {
        return cookies.entrySet().stream().mapToInt(e -> e.getKey().length() + 1 + e.getValue().length()).sum();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aUserWithFourHundredPermissionsSignsInRefreshesSwitchesAndSignsOut(Container container) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String origin = "http://localhost:" + port;
        try (FakeWorkOS fake = FakeWorkOS.builder().withDemoData().redirectUri(origin + "/callback").start()) {
            LargeOrganization.Seeded dana = LargeOrganization.seed(fake, "dana@example.com", 400, 60, 40);
            LargeOrganization.Seeded hugo = LargeOrganization.seed(fake, "hugo@example.com", 800, 60, 40);
            Map<String, String> vars = new LinkedHashMap<>(fake.environment());
            vars.put(AuthKitConfig.REDIRECT_URI, origin + "/callback");
            vars.put(AuthKitConfig.COOKIE_PASSWORD, PASSWORD);
            AuthKit authKit = AuthKit.builder(AuthKitConfig.fromMap(vars)).clock(fake.clock()).middlewareAuth(true)
                    .unauthenticatedPaths("/", "/header-bytes", "/favicon.ico").build();
            DemoApp.Organizations organizations = userId -> fake.user(userId).map(fake::memberships).orElse(java.util.List.of())
                    .stream().flatMap(m -> fake.organization(m.organizationId()).stream())
                    .map(o -> new DemoApp.Organization(o.id(), o.name(), o.requirement() == FakeOrganization.Requirement.SSO))
                    .toList();
            Pages pages = new Pages(organizations, true, authKit.browserClient().scriptUrl().orElseThrow());
            AutoCloseable server = serve(container, port, authKit, pages);
            try {
                Chromium.Context browser = chromium.context("large" + (++contexts), Optional.of(fake.clock().instant()));
                Chromium.Page tab = browser.page("large-tab" + contexts);
                // sign in from a protected page
                assertThat(tab.go(origin + "/account")).startsWith(fake.baseUrl() + "/user_management/authorize");
                tab.click("#sign-in-" + dana.user().id());
                tab.waitForExactUrl(origin + "/account");
                assertThat(tab.text("#email")).isEqualTo("dana@example.com");
                assertThat(tab.text("#permissions").split(", ")).hasSize(400);
                assertThat(tab.text("#feature-flags").split(", ")).hasSize(60);
                assertThat(tab.text("#entitlements").split(", ")).hasSize(40);
                Map<String, String> chunked = sessionCookies(browser);
                assertThat(chunked).containsOnlyKeys("wos-session.0", "wos-session.1");
                tab.go(origin + "/header-bytes");
                int headBytes = Integer.parseInt(tab.text("body").trim());
                assertThat(headBytes).isLessThan(8192);
                tab.go(origin + "/");
                assertThat(tab.text("#welcome")).contains("Dana");
                tab.screenshot(SCREENSHOTS.resolve("large-session-" + container + "-account.png"));

                // the token expires: the next page refreshes it, still in chunks
                fake.clock().advance(Duration.ofMinutes(6));
                browser.fastForward(Duration.ofMinutes(6));
                tab.go(origin + "/account");
                assertThat(tab.text("#email")).isEqualTo("dana@example.com");
                assertThat(fake.refreshCalls()).isEqualTo(1);
                Map<String, String> refreshed = sessionCookies(browser);
                assertThat(refreshed).containsOnlyKeys("wos-session.0", "wos-session.1");
                assertThat(refreshed).isNotEqualTo(chunked);

                // a switch to the small organization: one plain cookie, the chunks deleted
                // (the browser client switches through the JSON route, then reloads the page)
                tab.click("#switch-" + dana.small().id());
                tab.waitFor("(document.getElementById('organization') || {textContent: ''}).textContent.includes('"
                        + dana.small().name() + "')");
                assertThat(tab.text("#organization")).contains(dana.small().name());
                Map<String, String> small = sessionCookies(browser);
                assertThat(small).containsOnlyKeys("wos-session");

                // sign-out: no wos-session* cookie left
                tab.click("#sign-out");
                tab.waitForExactUrl(origin + "/");
                assertThat(sessionCookies(browser)).isEmpty();
                assertThat(tab.errors()).isEmpty();

                // past the cap: the error page naming the fix, one trip to the hosted page, no cookie
                Chromium.Context other = chromium.context("huge" + contexts, Optional.of(fake.clock().instant()));
                Chromium.Page huge = other.page("huge-tab" + contexts);
                huge.go(origin + "/account");
                huge.click("#sign-in-" + hugo.user().id());
                huge.waitForUrl(origin + "/callback");
                // the container renders the error page (the adapter calls sendError with authkit's message)
                assertThat(huge.text("body")).contains("session store").contains("AUTHKIT_SESSION_STORE_URI");
                huge.screenshot(SCREENSHOTS.resolve("large-session-" + container + "-too-large.png"));
                assertThat(huge.requests()).filteredOn(r -> r.contains("/user_management/authorize?")).hasSize(1);
                assertThat(sessionCookies(other)).isEmpty();
                long authenticates = fake.requests(Endpoint.AUTHENTICATE).size();
                System.out.printf("[large-sessions] %s: 400 permissions -> %s, %d bytes in the Cookie header, request head "
                        + "%d bytes (limit 8192); after refresh %d bytes; small organization %s %d bytes; 800 permissions -> "
                        + "error page (%d authenticate calls in all)%n", container, String.join("+", chunked.keySet()),
                        bytes(chunked), headBytes, bytes(refreshed), String.join("+", small.keySet()), bytes(small),
                        authenticates);
                other.close();
                browser.close();
            } finally {
                server.close();
            }
        }
    }
}
