package dev.authkit.jaxrs;

import dev.authkit.core.Auth;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The request's {@link Auth} as a resource method parameter, portable across JAX-RS
 * implementations: {@code public Post create(@BeanParam CurrentAuth auth, ...)}, then
 * {@code auth.get()}.
 */
public class CurrentAuth {
    @Context
    private SecurityContext securityContext;

    /**
     * Unused. Quarkus REST refuses a bean parameter whose fields carry only {@code @Context} ("No
     * annotations found on fields"); one parameter annotation makes it accept this class on every
     * runtime. Reserved {@code x-workos-*} headers never reach the application, so it stays null.
     */
    @HeaderParam("x-workos-current-auth")
    String unused;

    /** The auth of this request; {@link Auth#signedOut()} when nobody is signed in. */
    public Auth get() {
        return JaxRsAuthKit.auth(securityContext);
    }
}
