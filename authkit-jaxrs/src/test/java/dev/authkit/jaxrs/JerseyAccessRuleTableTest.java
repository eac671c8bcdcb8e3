package dev.authkit.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AccessRule;
import dev.authkit.core.AuthKit;
import dev.authkit.core.AuthKitConfig;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.conformance.AccessRuleTable;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/** The shared {@link AccessRuleTable} through Jersey: the annotations state the table's rules, the answers match the table. */
class JerseyAccessRuleTableTest {
    static final String PASSWORD = "jaxrs-rule-table-cookie-password-0123456789";

    @Path("/rules")
    public static class Rules {
        @GET
        @Path("permit-all")
        @PermitAll
        public String permitAll() {
            return "ok";
        }

        @GET
        @Path("deny-all")
        @DenyAll
        public String denyAll() {
            return "ok";
        }

        @GET
        @Path("signed-in")
        @RequiresSignIn
        public String signedIn() {
            return "ok";
        }

        @GET
        @Path("any-role")
        @RolesAllowed({"admin", "owner"})
        public String anyRole() {
            return "ok";
        }

        @GET
        @Path("all-permissions")
        @RequiresPermission({"posts:read", "posts:write"})
        public String allPermissions() {
            return "ok";
        }

        @GET
        @Path("no-role")
        @RolesAllowed({})
        public String noRole() {
            return "ok";
        }

        @GET
        @Path("recent-sign-in")
        @RequiresRecentSignIn(seconds = 600)
        public String recentSignIn() {
            return "ok";
        }
    }

    @Test
    void theAnnotationsStateTheTablesRules() {
        Map<String, AccessRule> stated = new LinkedHashMap<>();
        for (Method m : Rules.class.getDeclaredMethods()) {
            Path path = m.getAnnotation(Path.class);
            if (path != null) {
                stated.put(path.value(), AuthKitGuard.rule(m, Rules.class).orElseThrow());
            }
        }
        assertThat(stated).containsExactlyInAnyOrderEntriesOf(AccessRuleTable.rulesByPath());
    }

    @Test
    void everyCaseAnswersAsTheTableSays() throws Exception {
        try (FakeWorkOS fake = FakeWorkOS.builder().withDemoData().start()) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String base = "http://127.0.0.1:" + port;
            AuthKitConfig config = AuthKitConfig.builder().clientId(fake.clientId()).apiKey(fake.apiKey()).cookiePassword(PASSWORD)
                    .redirectUri(base + "/callback").apiBaseUrl(fake.baseUrl()).build();
            AuthKit authKit = AuthKit.builder(config).clock(fake.clock()).acceptBearerTokens(true).build();
            HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create(base + "/"),
                    new ResourceConfig().register(new AuthKitFeature(authKit)).register(Rules.class));
            try {
                AccessRuleTable.verify(base + "/rules/", fake,
                        user -> "wos-session=" + fake.signIn(fake.user(user).orElseThrow()).cookieValue(PASSWORD));
            } finally {
                server.shutdownNow();
            }
        }
    }
}
