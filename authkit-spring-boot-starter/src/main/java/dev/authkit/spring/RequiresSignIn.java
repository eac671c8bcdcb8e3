package dev.authkit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Spring MVC handler method or controller class: only signed-in users get in. A signed-out
 * browser page load is sent to sign in and comes back; an API call gets 401 JSON. With
 * {@link #roles()} or {@link #permissions()}, a signed-in user without them gets 403.
 *
 * <pre>{@code
 * @RequiresSignIn(permissions = "posts:write")
 * @PostMapping("/posts")
 * String publish(Auth auth, ...) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresSignIn {
    /** WorkOS roles of which the user must hold at least one; default none (any signed-in user). */
    String[] roles() default {};

    /** WorkOS permissions the user must hold, every one of them; default none. */
    String[] permissions() default {};
}
