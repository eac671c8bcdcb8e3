package dev.authkit.examples.servlet;

import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.servlet.AuthKitFilter;
import dev.authkit.testkit.FakeOrganization;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.LocalDevelopment;
import jakarta.servlet.DispatcherType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The authkit-java servlet demo: a small web app on embedded Jetty with a home page, a protected
 * account page (user, organization, role, permissions, feature flags, impersonation, an
 * organization switcher offering the user's own organizations, sign-out) and a page that calls the JSON endpoints through authkit's
 * browser client ({@code /auth/client.js}), which also draws the impersonation banner.
 *
 * <p>With {@code WORKOS_CLIENT_ID} set it talks to WorkOS (all {@code WORKOS_*} variables are
 * read); without, it starts an embedded {@link FakeWorkOS} with demo users and says so. The port
 * is {@code PORT} (default 8080).
 */
public final class DemoApp implements AutoCloseable {
    private final Server server;
    private final FakeWorkOS fake;
    private final int port;

    private DemoApp(Server server, FakeWorkOS fake, int port) {
        this.server = server;
        this.fake = fake;
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
        DemoApp app = start(port, env, Optional.empty());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "demo-shutdown"));
        app.server.join();
    }

    /**
     * Starts the demo on {@code port}. Without {@code WORKOS_CLIENT_ID} in {@code env}, uses
     * {@code fake} if given, else starts its own FakeWorkOS with the demo data.
     */
    public static DemoApp start(int port, Map<String, String> env, Optional<FakeWorkOS> givenFake) throws Exception {
        String origin = "http://localhost:" + port;
        FakeWorkOS fake = givenFake.orElse(null);
        boolean ownFake = false;
        AuthKitConfig config;
        String clientId = env.get(AuthKitConfig.CLIENT_ID);
        if (fake != null && (clientId == null || clientId.isEmpty())) {
            Map<String, String> vars = new LinkedHashMap<>(fake.environment());
            vars.put(AuthKitConfig.REDIRECT_URI, origin + "/callback");
            vars.put(AuthKitConfig.COOKIE_PASSWORD, "demo-test-cookie-password-0123456789abcdef");
            config = AuthKitConfig.fromMap(vars);
        } else {
            LocalDevelopment local = LocalDevelopment.start(env, origin + "/callback");
            config = local.config();
            fake = local.fake().orElse(null);
            ownFake = fake != null;
        }
        // the fake's server thread keeps the JVM (and `mvn exec:java`) alive: stop it if the demo cannot start
        Server server;
        try {
            AuthKit.Builder builder = AuthKit.builder(config)
                    .middlewareAuth(true)
                    .unauthenticatedPaths("/", "/api-demo", "/favicon.ico");
            if (fake != null) {
                builder.clock(fake.clock());
            }
            String stepUp = env.getOrDefault("DEMO_STEP_UP_PATHS", ""); // e.g. /account: a sign-in within 10 minutes
            if (!stepUp.isBlank()) {
                builder.recentSignInPaths(java.time.Duration.ofMinutes(10), stepUp.split(","));
            }
            AuthKit authKit = builder.build();

            Organizations organizations = organizations(env, fake);
            server = new Server();
            ServerConnector connector = new ServerConnector(server);
            // localhost only unless DEMO_HOST says otherwise (DEMO_HOST=0.0.0.0 to reach it from elsewhere)
            connector.setHost(env.getOrDefault("DEMO_HOST", "localhost"));
            connector.setPort(port);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.addFilter(new FilterHolder(new AuthKitFilter(authKit)), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new Pages(organizations, fake != null,
                    authKit.browserClient().scriptUrl().orElseThrow())), "/");
            server.setHandler(context);
            server.start();
        } catch (Exception | Error e) {
            if (ownFake) {
                fake.close();
            }
            throw e;
        }
        System.out.println("Demo running at " + origin + " (open it in a browser; sign in from the home page)");
        return new DemoApp(server, ownFake ? fake : null, port);
    }

    /**
     * The organizations the switcher offers a signed-in user. On the embedded fake: the user's own
     * memberships, marked where the organization requires SSO. With real WorkOS the demo does not
     * call the Organizations API, so it offers {@code DEMO_ORGANIZATIONS=org_1,org_2} (empty when unset)
     * to everyone and WorkOS decides on each switch.
     */
    private static Organizations organizations(Map<String, String> env, FakeWorkOS fake) {
        if (fake != null) {
            return userId -> fake.user(userId).map(fake::memberships).orElse(List.of()).stream()
                    .flatMap(m -> fake.organization(m.organizationId()).stream())
                    .map(o -> new Organization(o.id(), o.name(), o.requirement() == FakeOrganization.Requirement.SSO))
                    .toList();
        }
        List<Organization> configured = Arrays.stream(env.getOrDefault("DEMO_ORGANIZATIONS", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(id -> new Organization(id, id, false)).toList();
        return userId -> configured;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
        if (fake != null) {
            fake.close();
        }
    }

    /**
     * An organization the switcher offers.
     *
     * @param requiresSso whether entering it makes WorkOS ask for an SSO sign-in first (known only on the fake)
     */
    record Organization(String id, String name, boolean requiresSso) {
    }

    /** The organizations a signed-in user may switch to, by user id. */
    @FunctionalInterface
    interface Organizations {
        List<Organization> of(String userId);
    }
}
