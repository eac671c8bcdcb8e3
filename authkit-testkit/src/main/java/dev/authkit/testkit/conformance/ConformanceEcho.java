package dev.authkit.testkit.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authkit.core.AccessRule;
import dev.authkit.core.Auth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the application behind an adapter under test answers to every request it is given: a JSON
 * echo of what it saw, which {@link AdapterConformanceSuite} checks.
 */
public final class ConformanceEcho {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The prefix of the guarded endpoints of {@link AdapterConformanceSuite}. */
    public static final String GUARDED = "/public/guarded/";

    /**
     * The guarded endpoints by last path segment, with the rule the adapter's guard must state:
     * {@code signed-in} ({@code @RequiresSignIn}), {@code admin} ({@code @RolesAllowed("admin")}),
     * {@code posts-write} ({@code @RequiresPermission("posts:write")}). Alice is admin of Acme with
     * every permission; Bob is a member with {@code posts:read} only.
     */
    public static final Map<String, AccessRule> GUARDS = guards();

    private static Map<String, AccessRule> guards() {
        Map<String, AccessRule> m = new java.util.LinkedHashMap<>();
        m.put("signed-in", AccessRule.signedIn());
        m.put("admin", AccessRule.anyRole("admin"));
        m.put("posts-write", AccessRule.allPermissions("posts:write"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The rule guarding {@code path} (as the application sees it, under any base path), if it is a guarded endpoint. */
    public static Optional<AccessRule> guardOf(String path) {
        int at = path.indexOf(GUARDED);
        return at < 0 ? Optional.empty() : Optional.ofNullable(GUARDS.get(path.substring(at + GUARDED.length())));
    }

    private ConformanceEcho() {
    }

    /**
     * @param method      the request method the application saw
     * @param path        the request path the application saw (raw, as the framework reports it)
     * @param auth        the {@link Auth} the adapter handed the application
     * @param principal   the framework's principal name, if any ({@code getUserPrincipal()}, {@code SecurityContext})
     * @param inRoleAdmin the framework's answer to "is the user in role admin"
     * @param headers     the request headers the application can see
     * @return the JSON body to answer with ({@code application/json})
     */
    public static String render(String method, String path, Auth auth, Optional<String> principal, boolean inRoleAdmin,
                                Map<String, List<String>> headers) {
        ObjectNode n = JSON.createObjectNode();
        n.put("method", method);
        n.put("path", path);
        n.put("user", auth.user().map(u -> u.id()).orElse(null));
        n.put("principal", principal.orElse(null));
        n.put("inRoleAdmin", inRoleAdmin);
        ObjectNode h = n.putObject("headers");
        headers.forEach((name, values) -> {
            ArrayNode a = h.putArray(name.toLowerCase(Locale.ROOT));
            values.forEach(a::add);
        });
        return n.toString();
    }
}
