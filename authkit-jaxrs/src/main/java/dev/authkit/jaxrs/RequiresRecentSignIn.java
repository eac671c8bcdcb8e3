package dev.authkit.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Step-up on a handler method or class: the user must have signed in at most {@link #seconds()}
 * ago (the access token's {@code auth_time}). An older sign-in is no refusal: a browser's page load
 * goes through sign-in again (WorkOS gets {@code max_age}) and comes back; an API call gets 401 with
 * {@code WWW-Authenticate: Bearer error="insufficient_user_authentication", ..., max_age=<seconds>}
 * and JSON code {@code recent_sign_in_required}. Combines with the other annotations (roles and
 * permissions are judged first); it implies a signed-in user.
 *
 * <pre>{@code
 * @RequiresRecentSignIn(seconds = 600)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRecentSignIn {
    /** The longest time since sign-in, in seconds; {@code 0} asks for a sign-in every time. */
    long seconds();
}
