package dev.authkit.core;

import java.util.List;
import java.util.Objects;

/**
 * A sign-in or sign-up URL together with the cookies that must be set before the browser goes
 * there: the per-flow verifier cookie (without it the callback refuses the sign-in) and deletions
 * of stale verifier cookies.
 *
 * @param url     the AuthKit authorization URL
 * @param cookies cookies to set on the response that sends the browser to {@code url}
 */
public record AuthorizationRedirect(String url, List<SetCookie> cookies) {
    public AuthorizationRedirect {
        Objects.requireNonNull(url, "url");
        cookies = List.copyOf(cookies);
    }
}
