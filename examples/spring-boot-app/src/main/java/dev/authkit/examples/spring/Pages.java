package dev.authkit.examples.spring;

import dev.authkit.core.Auth;
import dev.authkit.core.User;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The demo's pages. Each takes the request's {@link Auth} as a parameter; Spring Security guards them (see DemoApplication). */
@RestController
class Pages {
    private final List<String> organizations;

    Pages(@Value("${demo.organizations:org_acme,org_globex,org_initech}") List<String> organizations) {
        this.organizations = organizations;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    String home(Auth auth, HttpServletRequest request) {
        if (!auth.isSignedIn()) {
            return Html.page(request, "Home", "<p id=\"signed-out\">You are not signed in.</p>"
                    + "<p><a id=\"sign-in\" href=\"" + Html.link(request, "/auth/sign-in?returnTo=" + request.getContextPath()
                    + "/account") + "\">Sign in</a> <a id=\"sign-up\" href=\"" + Html.link(request, "/auth/sign-up?returnTo="
                    + request.getContextPath() + "/account") + "\">Sign up</a></p>");
        }
        User u = auth.user().orElseThrow();
        return Html.page(request, "Home", "<p id=\"welcome\">Welcome, " + Html.e(u.displayName()) + ".</p>"
                + "<p><a href=\"" + Html.link(request, "/account") + "\">Your account</a> · <a href=\""
                + Html.link(request, "/reports") + "\">Reports</a> · <a href=\"" + Html.link(request, "/admin")
                + "\">Admin</a> · <a href=\"" + Html.link(request, "/api-demo") + "\">JSON API from JavaScript</a> · <a href=\""
                + Html.link(request, "/broken") + "\">A broken page</a></p>" + signOutForm(request));
    }

    /** Signed-in users only (Spring Security's {@code anyRequest().authenticated()}). */
    @GetMapping(path = "/account", produces = MediaType.TEXT_HTML_VALUE)
    String account(Auth auth, HttpServletRequest request) {
        User u = auth.user().orElseThrow();
        StringBuilder b = new StringBuilder();
        auth.impersonator().ifPresent(i -> b.append("<p class=\"banner\" id=\"impersonation\">You are being impersonated by ")
                .append(Html.e(i.email())).append(".</p>"));
        b.append("<dl>")
                .append(row("Name", "name", u.displayName()))
                .append(row("Email", "email", u.email()))
                .append(row("User id", "user-id", u.id()))
                .append(row("Organization", "organization", auth.organizationId().orElse("none")))
                .append(row("Role", "role", auth.role().orElse("none")))
                .append(row("Permissions", "permissions", String.join(", ", auth.permissions())))
                .append(row("Feature flags", "feature-flags", String.join(", ", auth.featureFlags())))
                .append("</dl><h2>Switch organization</h2>");
        for (String org : organizations) {
            boolean current = auth.organizationId().filter(org::equals).isPresent();
            b.append("<form method=\"post\" style=\"display:inline\" action=\"")
                    .append(Html.link(request, "/auth/api/switch-organization?organizationId=" + url(org) + "&returnTo="
                            + url(request.getContextPath() + "/account")))
                    .append("\"><button id=\"switch-").append(Html.e(org)).append("\"").append(current ? " disabled" : "")
                    .append(">").append(Html.e(org)).append("</button></form>");
        }
        return Html.page(request, "Account", b.append(signOutForm(request)).toString());
    }

    /** Users whose session carries the {@code audit-logs:read} permission (Spring Security's method security). */
    @PreAuthorize("hasAuthority('audit-logs:read')")
    @GetMapping(path = "/reports", produces = MediaType.TEXT_HTML_VALUE)
    String reports(Authentication authentication, HttpServletRequest request) {
        return Html.page(request, "Reports", "<p id=\"reports\">Audit reports for " + Html.e(authentication.getName()) + ".</p>");
    }

    /** Users with the {@code admin} role ({@code hasRole("admin")} in DemoApplication). */
    @GetMapping(path = "/admin", produces = MediaType.TEXT_HTML_VALUE)
    String admin(Auth auth, HttpServletRequest request) {
        return Html.page(request, "Admin", "<p id=\"admin\">Administration for " + Html.e(auth.userId().orElseThrow()) + ".</p>");
    }

    /** Fails on purpose, to show that the error page still knows who is signed in. */
    @GetMapping(path = "/broken", produces = MediaType.TEXT_HTML_VALUE)
    String broken() {
        throw new IllegalStateException("this page is broken on purpose");
    }

    @GetMapping(path = "/api-demo", produces = MediaType.TEXT_HTML_VALUE)
    String apiDemo(HttpServletRequest request) {
        String api = request.getContextPath() + "/auth/api";
        return Html.page(request, "JSON API", "<p>These buttons call authkit's JSON endpoints from plain JavaScript.</p>"
                + "<p><button id=\"get-auth\" onclick=\"call('GET','" + Html.e(api) + "/auth')\">Current auth</button>"
                + "<button id=\"refresh-token\" onclick=\"call('POST','" + Html.e(api) + "/access-token/refresh')\">Refresh access token</button>"
                + "<button id=\"session\" onclick=\"call('GET','" + Html.e(api) + "/session')\">Session check</button></p>"
                + "<pre id=\"result\">Click a button.</pre>"
                + "<script>function call(method, url) {"
                + " var x = new XMLHttpRequest(); x.open(method, url);"
                + " if (method === 'POST') { x.setRequestHeader('X-AuthKit-Request', '1'); }"
                + " x.onload = function () { document.getElementById('result').textContent ="
                + " x.status + '\\n' + JSON.stringify(JSON.parse(x.responseText), null, 2); };"
                + " x.send();"
                + "}</script>");
    }

    private static String signOutForm(HttpServletRequest request) {
        return "<form method=\"post\" action=\"" + Html.link(request, "/auth/sign-out?returnTo=" + url(request.getContextPath() + "/"))
                + "\"><button id=\"sign-out\">Sign out</button></form>";
    }

    private static String row(String label, String id, String value) {
        return "<dt>" + label + "</dt><dd id=\"" + id + "\">" + Html.e(value) + "</dd>";
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
