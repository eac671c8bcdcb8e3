package dev.authkit.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Any signed-in user may call the resource method (or every method of the class), whatever their
 * roles; a signed-out caller gets the core's sign-in-required answer (a redirect to sign in for a
 * page load, 401 for an API call). {@code @RolesAllowed({})} cannot say this: it lets a
 * signed-out caller through. A method's {@code @PermitAll} overrides it on the class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresSignIn {
}
