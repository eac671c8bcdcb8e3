package dev.authkit.core;

import dev.authkit.core.internal.routes.SameOrigin;

/**
 * The JSON endpoints browser code calls, the equivalents of the server actions authkit-nextjs's
 * React components use, under the {@link Routes#api()} prefix (default {@code /auth/api}):
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><th>request</th><th>answer</th></tr>
 * <tr><td>{@code GET /session}</td><td>{@code {"signedIn": true|false}}</td></tr>
 * <tr><td>{@code GET /auth[?ensureSignedIn=true&returnTo=/path]}</td><td>the auth without the access
 *     token; signed out: {@code {"user": null}}, plus {@code "signInUrl"} when {@code ensureSignedIn}</td></tr>
 * <tr><td>{@code POST /refresh[?organizationId=org_..&returnTo=/path]}</td><td>the refreshed auth, or
 *     {@code {"reauthenticationUrl": ..}} when WorkOS needs a sign-in for that organization (which then
 *     returns to {@code returnTo}, default {@code /})</td></tr>
 * <tr><td>{@code POST /switch-organization?organizationId=org_..[&returnTo=/path]}</td><td>as {@code /refresh};
 *     a form post from a page ({@code Accept: text/html}) is redirected to {@code returnTo} instead</td></tr>
 * <tr><td>{@code GET /organization?organizationId=org_..}</td><td>{@code {"organization": {"id", "name"}}} for the
 *     session's own organization, else {@code {"organization": null}}</td></tr>
 * <tr><td>{@code GET /access-token}</td><td>{@code {"accessToken": ..|null}} (refreshed first when near expiry)</td></tr>
 * <tr><td>{@code POST /access-token/refresh}</td><td>{@code {"accessToken": ..}}, or {@code null} with an {@code "error"}</td></tr>
 * <tr><td>{@code POST /sign-out[?returnTo=/path]}</td><td>{@code {"logoutUrl": ..}} with the cookies cleared;
 *     a form post from a page is redirected there instead</td></tr>
 * </table>
 *
 * <p>State-changing endpoints answer only {@code POST} (else 405) and only same-origin requests:
 * the request must carry the header {@value #CSRF_HEADER} (which a cross-site page cannot send
 * without a CORS preflight that is never granted) or an {@code Origin} header equal to the
 * application's own origin (which browsers send on every form post). Otherwise 403. Every answer
 * is {@code Cache-Control: no-store}.
 */
public final class BrowserApi {
    /** A header any same-origin script may set; its presence proves the request is not a cross-site form. */
    public static final String CSRF_HEADER = SameOrigin.CSRF_HEADER;

    private BrowserApi() {
    }
}
