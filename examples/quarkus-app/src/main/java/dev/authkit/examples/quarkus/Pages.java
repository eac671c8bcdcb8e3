package dev.authkit.examples.quarkus;

import dev.authkit.core.Auth;
import dev.authkit.jaxrs.CurrentAuth;
import dev.authkit.jaxrs.RequiresPermission;
import dev.authkit.jaxrs.RequiresSignIn;
import dev.authkit.quarkus.RequestAuth;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The demo's pages: one public, one per authkit annotation, and a ping answered on the event loop. */
@Path("/")
public class Pages {
    @Inject
    RequestAuth auth;

    @GET
    public String home() {
        Auth a = auth.get();
        return a.isSignedIn() ? "Hello, " + a.user().map(u -> u.email()).orElse(a.userId().orElse("")) : "Hello, visitor";
    }

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

    /** The portable JAX-RS way, as on Jersey: the Auth as a bean parameter. */
    @GET
    @Path("whoami")
    public String whoami(@BeanParam CurrentAuth current) {
        return current.get().userId().orElse("signed out");
    }

    /** Public and non-blocking: answered on the event loop, so it shows whether the loop is free. */
    @GET
    @Path("ping")
    @NonBlocking
    public String ping() {
        return "pong";
    }
}
