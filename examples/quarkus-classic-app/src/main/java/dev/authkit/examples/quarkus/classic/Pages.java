package dev.authkit.examples.quarkus.classic;

import dev.authkit.jaxrs.CurrentAuth;
import dev.authkit.jaxrs.RequiresPermission;
import dev.authkit.jaxrs.RequiresSignIn;
import dev.authkit.quarkus.RequestAuth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The same pages as the Quarkus REST example, on classic RESTEasy. */
@Path("/")
public class Pages {
    @Inject
    RequestAuth auth;

    @GET
    @Path("account")
    @RequiresSignIn
    public String account() {
        return "account of " + auth.get().userId().orElseThrow();
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin() {
        return "admin page for " + auth.get().userId().orElseThrow();
    }

    @GET
    @Path("posts/new")
    @RequiresPermission("posts:write")
    public String newPost() {
        return "new post by " + auth.get().userId().orElseThrow();
    }

    @GET
    @Path("whoami")
    public String whoami(@BeanParam CurrentAuth current) {
        return current.get().userId().orElse("signed out");
    }
}
