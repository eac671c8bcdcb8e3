package dev.authkit.testkit.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
