package dev.authkit.quarkus;

import dev.authkit.core.Auth;
import jakarta.enterprise.context.RequestScoped;

/**
 * The request's {@link Auth}, injectable on Quarkus REST and classic RESTEasy:
 * {@code @Inject RequestAuth auth;} in any resource or bean of the request (singletons included:
 * the bean is request scoped), then {@code auth.get()}. Filled by {@link AuthKitGuardFilter} after
 * matching. The portable {@code @BeanParam CurrentAuth} works too.
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
}
