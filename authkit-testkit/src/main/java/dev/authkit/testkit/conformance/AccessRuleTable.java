package dev.authkit.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authkit.core.AccessRule;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One table of {@link AccessRule} cases that every adapter with authorization annotations runs,
 * so that the same rule gives the same status and the same message whatever the framework: the
 * adapters only build rules from their annotations, the core decides
 * ({@link dev.authkit.core.AuthKit#authorize}).
 *
 * <p>An adapter's test serves one endpoint per {@link Rule} under a prefix of its choice, guarded
 * by its own annotations (JAX-RS {@code @RolesAllowed}, Spring {@code @RequiresSignIn}, ...), each
 * answering {@code ok} when reached; checks with its adapter's annotation reader that the
 * annotations state {@link Rule#rule()}; and calls {@link #verify}. The AuthKit must accept bearer
 * tokens. Callers are scripts ({@code Accept: application/json}), so every refusal is JSON with the
 * core's {@code error} and {@code message}.
 */
public final class AccessRuleTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private AccessRuleTable() {
    }

    /** The endpoints an adapter serves: each path segment with the rule its annotations must state. */
    public enum Rule {
        /** {@code @PermitAll}. */
        PERMIT_ALL("permit-all", AccessRule.permitAll()),
        /** {@code @DenyAll}. */
        DENY_ALL("deny-all", AccessRule.denyAll()),
        /** {@code @RequiresSignIn}. */
        SIGNED_IN("signed-in", AccessRule.signedIn()),
        /** Roles, any of them: {@code @RolesAllowed({"admin", "owner"})}, {@code @RequiresSignIn(roles = {"admin", "owner"})}. */
        ANY_ROLE("any-role", AccessRule.anyRole("admin", "owner")),
        /** Permissions, all of them: {@code @RequiresPermission({"posts:read", "posts:write"})}, {@code @RequiresSignIn(permissions = ...)}. */
        ALL_PERMISSIONS("all-permissions", AccessRule.allPermissions("posts:read", "posts:write")),
        /** An empty role list, no role may: {@code @RolesAllowed({})}. */
        NO_ROLE("no-role", AccessRule.anyRole(new String[0])),
        /** Step-up, a sign-in at most ten minutes ago: {@code @RequiresRecentSignIn(seconds = 600)}. */
        RECENT_SIGN_IN("recent-sign-in", AccessRule.signedInWithin(Duration.ofSeconds(600)));

        private final String path;
        private final AccessRule rule;

        Rule(String path, AccessRule rule) {
            this.path = path;
            this.rule = rule;
        }

        /** The endpoint's last path segment. */
        public String path() {
            return path;
        }

        /** What the endpoint's annotations must state. */
        public AccessRule rule() {
            return rule;
        }
    }

    /** Who calls. */
    public enum Caller {
        SIGNED_OUT, ALICE_COOKIE, BOB_COOKIE, ALICE_BEARER, BOB_BEARER,
        /** Alice's bearer token from a sign-in eleven minutes ago ({@code auth_time}). */
        ALICE_STALE_BEARER
    }

    /**
     * One row: {@code caller} calling the endpoint of {@code rule} gets {@code status}, and for a
     * refusal the JSON {@code error} and {@code message}.
     */
    public record Case(Rule rule, Caller caller, int status, String error, String message) {
        @Override
        public String toString() {
            return rule.path() + " as " + caller;
        }
    }

    private static final String SIGN_IN = "Sign in to continue.";
    private static final String RECENT = "Sign in again to continue: this needs a sign-in within the last 600 seconds.";
    /** What every {@code recent_sign_in_required} answer's {@code WWW-Authenticate} says (RFC 9470). */
    public static final String INSUFFICIENT = "Bearer error=\"insufficient_user_authentication\", error_description=\""
            + "A more recent sign-in is required\", max_age=600";

    /**
     * The table. Alice is admin of Acme with every permission, Bob a member with
     * {@code posts:read} only ({@link DemoData}).
     */
    public static List<Case> cases() {
        return List.of(
                new Case(Rule.PERMIT_ALL, Caller.SIGNED_OUT, 200, null, null),
                new Case(Rule.DENY_ALL, Caller.SIGNED_OUT, 403, "forbidden", "Nobody may use this."),
                new Case(Rule.DENY_ALL, Caller.ALICE_COOKIE, 403, "forbidden", "Nobody may use this."),
                new Case(Rule.SIGNED_IN, Caller.SIGNED_OUT, 401, "unauthorized", SIGN_IN),
                new Case(Rule.SIGNED_IN, Caller.BOB_COOKIE, 200, null, null),
                new Case(Rule.SIGNED_IN, Caller.BOB_BEARER, 200, null, null),
                new Case(Rule.ANY_ROLE, Caller.SIGNED_OUT, 401, "unauthorized", SIGN_IN),
                new Case(Rule.ANY_ROLE, Caller.ALICE_COOKIE, 200, null, null),
                new Case(Rule.ANY_ROLE, Caller.BOB_COOKIE, 403, "forbidden", "You need the role admin or owner in this organization."),
                new Case(Rule.ANY_ROLE, Caller.ALICE_BEARER, 200, null, null),
                new Case(Rule.ANY_ROLE, Caller.BOB_BEARER, 403, "forbidden", "You need the role admin or owner in this organization."),
                new Case(Rule.ALL_PERMISSIONS, Caller.SIGNED_OUT, 401, "unauthorized", SIGN_IN),
                new Case(Rule.ALL_PERMISSIONS, Caller.ALICE_COOKIE, 200, null, null),
                new Case(Rule.ALL_PERMISSIONS, Caller.BOB_COOKIE, 403, "forbidden", "You need the permission posts:write."),
                new Case(Rule.ALL_PERMISSIONS, Caller.ALICE_BEARER, 200, null, null),
                new Case(Rule.ALL_PERMISSIONS, Caller.BOB_BEARER, 403, "forbidden", "You need the permission posts:write."),
                new Case(Rule.NO_ROLE, Caller.SIGNED_OUT, 401, "unauthorized", SIGN_IN),
                new Case(Rule.NO_ROLE, Caller.ALICE_COOKIE, 403, "forbidden", "No role may use this."),
                new Case(Rule.RECENT_SIGN_IN, Caller.SIGNED_OUT, 401, "unauthorized", SIGN_IN),
                new Case(Rule.RECENT_SIGN_IN, Caller.ALICE_BEARER, 200, null, null),
                new Case(Rule.RECENT_SIGN_IN, Caller.ALICE_COOKIE, 200, null, null),
                new Case(Rule.RECENT_SIGN_IN, Caller.ALICE_STALE_BEARER, 401, "recent_sign_in_required", RECENT));
    }

    /**
     * Calls every case's endpoint at {@code prefix + rule.path()} and checks the answer; all
     * mismatches are reported together.
     *
     * @param prefix   absolute URL the endpoints are under, ending in {@code /}
     * @param fake     the FakeWorkOS the AuthKit trusts (bearer tokens are issued by it)
     * @param cookieOf the {@code Cookie} header that signs a demo user in, by user id
     */
    public static void verify(String prefix, FakeWorkOS fake, Function<String, String> cookieOf) {
        List<String> failures = new ArrayList<>();
        for (Case c : cases()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(prefix + c.rule().path())).GET()
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(20));
            switch (c.caller()) {
                case SIGNED_OUT -> { }
                case ALICE_COOKIE -> request.header("Cookie", cookieOf.apply(DemoData.ALICE));
                case BOB_COOKIE -> request.header("Cookie", cookieOf.apply(DemoData.BOB));
                case ALICE_BEARER -> request.header("Authorization", "Bearer " + token(fake, DemoData.ALICE));
                case BOB_BEARER -> request.header("Authorization", "Bearer " + token(fake, DemoData.BOB));
                case ALICE_STALE_BEARER -> request.header("Authorization", "Bearer " + staleToken(fake, DemoData.ALICE));
                default -> throw new IllegalStateException(c.caller().name());
            }
            HttpResponse<String> r = send(request);
            String seen = r.statusCode() + " " + summary(r.body());
            String expected = c.status() + " " + (c.status() == 200 ? "ok" : c.error() + ": " + c.message());
            if (!seen.equals(expected)) {
                failures.add(c + ": expected " + expected + ", got " + seen);
            }
            if ("recent_sign_in_required".equals(c.error())
                    && !r.headers().allValues("WWW-Authenticate").contains(INSUFFICIENT)) {
                failures.add(c + ": expected WWW-Authenticate " + INSUFFICIENT + ", got " + r.headers().allValues("WWW-Authenticate"));
            }
        }
        assertEquals(List.of(), failures, "access rule cases that differ");
    }

    private static String token(FakeWorkOS fake, String userId) {
        return fake.signIn(fake.user(userId).orElseThrow()).accessToken();
    }

    /** A valid access token of a session whose sign-in was eleven minutes ago. */
    private static String staleToken(FakeWorkOS fake, String userId) {
        String sid = fake.signIn(fake.user(userId).orElseThrow()).sessionId();
        long elevenMinutesAgo = fake.clock().instant().minusSeconds(660).getEpochSecond();
        return fake.accessToken(sid, claims -> claims.setClaim("auth_time", elevenMinutesAgo));
    }

    /** {@code ok}, or {@code error: message} of a JSON refusal, or the body as it is. */
    private static String summary(String body) {
        if (body.equals("ok")) {
            return body;
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.path("error").isTextual()) {
                return n.get("error").asText() + ": " + n.path("message").asText(null);
            }
        } catch (IOException e) {
            // not JSON: shown as it is
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The table's rules by endpoint path, for adapters that look their annotations up by path. */
    public static Map<String, AccessRule> rulesByPath() {
        Map<String, AccessRule> m = new java.util.LinkedHashMap<>();
        for (Rule r : Rule.values()) {
            m.put(r.path(), r.rule());
        }
        return m;
    }
}
