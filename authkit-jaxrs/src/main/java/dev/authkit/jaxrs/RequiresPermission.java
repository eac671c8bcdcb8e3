package dev.authkit.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only callers whose access token carries every one of these WorkOS permissions may call the
 * resource method (or every method of the class). A signed-out caller gets a sign-in redirect
 * (page loads) or 401 (API calls); a signed-in one without the permission gets 403.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresPermission {
    /** Permission slugs such as {@code posts:write}; all are required. */
    String[] value();
}
