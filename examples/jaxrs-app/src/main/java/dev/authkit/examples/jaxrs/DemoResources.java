package dev.authkit.examples.jaxrs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.authkit.core.Auth;
import dev.authkit.jaxrs.JaxRsAuthKit;
import dev.authkit.jaxrs.RequiresPermission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** The JAX-RS demo's resources: public, signed-in, admin-only, permission-protected, and a bearer-token API. */
@Path("/")
public class DemoResources {
    @Context
    SecurityContext security;

    @GET
    @Produces("text/html")
    public String home() {
        Auth auth = JaxRsAuthKit.auth(security);
        String state = auth.user()
                .map(u -> "<p id=\"who\">Signed in as " + escape(u.email()) + ".</p>")
                .orElse("<p id=\"who\">You are not signed in.</p>"
                        + "<p><a id=\"sign-in\" href=\"/auth/sign-in?returnTo=/\">Sign in</a></p>");
        String signOut = auth.isSignedIn()
                ? "<form method=\"post\" action=\"/auth/sign-out?returnTo=%2F\"><button id=\"sign-out\">Sign out</button></form>"
                : "";
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Home – authkit-java JAX-RS demo</title>"
                + FAVICON + STYLE + "</head><body><nav><a href=\"/\">authkit-java JAX-RS demo</a></nav><h1>Home</h1>"
                + state + "<h2>Resources</h2><dl>"
                + "<dt><a href=\"/me\">/me</a></dt><dd>any signed-in user (JSON)</dd>"
                + "<dt><a href=\"/admin\">/admin</a></dt><dd><code>@RolesAllowed(\"admin\")</code></dd>"
                + "<dt><a href=\"/posts/new\">/posts/new</a></dt><dd><code>@RequiresPermission(\"posts:write\")</code></dd>"
                + "<dt><a href=\"/api/posts\">/api/posts</a></dt><dd>JSON for other services, with "
                + "<code>Authorization: Bearer &lt;access token&gt;</code> (get one at <a href=\"/auth/api/access-token\">"
                + "/auth/api/access-token</a> once signed in)</dd></dl>"
                + signOut + CLIENT + "</body></html>";
    }

    /**
     * authkit's browser client: the impersonation banner, the organization next to the email, and a
     * reload when the session changes in another tab (sign-out, switch).
     */
    static final String CLIENT = "<authkit-impersonation></authkit-impersonation><script type=\"module\">\n"
            + "import { getAuth, onChange } from '/auth/client.js';\n"
            + "getAuth().then((auth) => { if (auth.user && auth.organizationId)\n"
            + "  document.getElementById('who').append(' Organization: ' + auth.organizationId + '.'); }, () => {});\n"
            + "onChange((auth, event) => { if (event.type != 'refresh' && !event.leaving) location.reload(); });\n"
            + "</script>";

    /** The servlet demo's look, so that the demos read as one project. */
    static final String STYLE = "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
            + "padding:0 1rem;color:#1f2328}nav a{margin-right:1rem}dt{font-weight:600;margin-top:.5rem}"
            + "button{margin:.2rem .4rem .2rem 0}pre{background:#f6f8fa;padding:.8rem;overflow:auto}</style>";

    /** An inline icon, so the browser does not ask the server for {@code /favicon.ico}. */
    static final String FAVICON = "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' "
            + "viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%236639ba'/%3E%3C/svg%3E\">";

    @GET
    @Path("me")
    @Produces("application/json")
    public String me() {
        Auth auth = JaxRsAuthKit.auth(security);
        // built with Jackson, never by concatenation: a role or id may hold a quote or a backslash
        return JSON.createObjectNode().put("user", auth.userId().orElse("")).put("organization", auth.organizationId().orElse(""))
                .put("role", auth.role().orElse("")).toString();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    @Produces("text/plain")
    public String admin() {
        return "Welcome to the admin area, " + security.getUserPrincipal().getName() + ".";
    }

    @GET
    @Path("posts/new")
    @RequiresPermission("posts:write")
    @Produces("text/plain")
    public String newPost() {
        return "You may write posts.";
    }

    @GET
    @Path("api/posts")
    @RequiresPermission("posts:read")
    @Produces("application/json")
    public String posts() {
        ArrayNode posts = JSON.createArrayNode();
        posts.addObject().put("id", 1).put("title", "Hello from a bearer-token API");
        return posts.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
