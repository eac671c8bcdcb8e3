package dev.authkit.examples.jaxrs;

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
        String who = auth.user().map(u -> "Signed in as " + escape(u.email()) + ". ").orElse("You are not signed in. ");
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>authkit-java JAX-RS demo</title></head><body>"
                + "<h1>authkit-java JAX-RS demo</h1><p id=\"who\">" + who + "</p><ul>"
                + "<li><a href=\"/auth/sign-in?returnTo=/me\">Sign in</a></li>"
                + "<li><a href=\"/me\">/me</a>: any signed-in user</li>"
                + "<li><a href=\"/admin\">/admin</a>: <code>@RolesAllowed(\"admin\")</code></li>"
                + "<li><a href=\"/posts/new\">/posts/new</a>: <code>@RequiresPermission(\"posts:write\")</code></li>"
                + "<li><a href=\"/api/posts\">/api/posts</a>: JSON for other services, with "
                + "<code>Authorization: Bearer &lt;access token&gt;</code> (get one at <a href=\"/auth/api/access-token\">"
                + "/auth/api/access-token</a> once signed in)</li></ul>"
                + "<form method=\"post\" action=\"/auth/sign-out?returnTo=%2F\"><button>Sign out</button></form>"
                + CLIENT + "</body></html>";
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

    @GET
    @Path("me")
    @Produces("application/json")
    public String me() {
        Auth auth = JaxRsAuthKit.auth(security);
        return "{\"user\":\"" + auth.userId().orElse("") + "\",\"organization\":\"" + auth.organizationId().orElse("")
                + "\",\"role\":\"" + auth.role().orElse("") + "\"}";
    }

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
        return "[{\"id\":1,\"title\":\"Hello from a bearer-token API\"}]";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
