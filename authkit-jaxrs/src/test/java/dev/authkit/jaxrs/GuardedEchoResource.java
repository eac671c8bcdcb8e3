package dev.authkit.jaxrs;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** The conformance suite's guarded endpoints ({@code ConformanceEcho.GUARDS}), guarded by the adapter's annotations. */
@Path("public/guarded")
public class GuardedEchoResource extends EchoResource {
    @GET
    @Path("signed-in")
    @RequiresSignIn
    public Response signedIn() {
        return echo();
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public Response admin() {
        return echo();
    }

    @GET
    @Path("posts-write")
    @RequiresPermission("posts:write")
    public Response postsWrite() {
        return echo();
    }
}
