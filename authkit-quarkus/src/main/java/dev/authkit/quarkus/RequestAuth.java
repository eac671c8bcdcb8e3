package dev.authkit.quarkus;

import dev.authkit.core.Auth;
import dev.authkit.jaxrs.CurrentAuth;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The request's {@link Auth}, injectable on Quarkus REST and classic RESTEasy:
 * {@code @Inject CurrentAuth auth;} in any resource (singletons included: the bean is request
 * scoped), then {@code auth.get()}. Filled by the guard filter after matching.
 */
@RequestScoped
public class RequestAuth {
    private Auth auth = Auth.signedOut();

    /** Set by the adapter's filter for this request. */
    public void set(Auth auth) {
        this.auth = auth;
    }

    /** The request's Auth; {@link Auth#signedOut()} before the filter ran or when nobody is signed in. */
    public Auth get() {
        return auth;
    }

    @Produces
    @RequestScoped
    CurrentAuth currentAuth() {
        return new CurrentAuth() {
            @Override
            public Auth get() {
                return auth;
            }
        };
    }
}
