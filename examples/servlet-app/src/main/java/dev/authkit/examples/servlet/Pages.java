package dev.authkit.examples.servlet;

import dev.authkit.core.Auth;
import dev.authkit.core.User;
import dev.authkit.servlet.ServletAuthKit;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The demo's three pages, rendered as plain HTML with every value escaped. */
final class Pages extends HttpServlet {
    private static final String STYLE = "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
            + "padding:0 1rem;color:#1f2328}nav a{margin-right:1rem}dt{font-weight:600;margin-top:.5rem}"
            + ".banner{background:#fff8c5;border:1px solid #d4a72c;padding:.6rem .8rem;border-radius:6px}"
            + "button{margin:.2rem .4rem .2rem 0}pre{background:#f6f8fa;padding:.8rem;overflow:auto}</style>";

    private final List<DemoApp.Organization> organizations;
    private final boolean fake;

    Pages(List<DemoApp.Organization> organizations, boolean fake) {
        this.organizations = organizations;
        this.fake = fake;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Auth auth = ServletAuthKit.withAuth(req);
        switch (req.getRequestURI()) {
            case "/" -> send(resp, 200, "Home", home(auth));
            case "/account" -> send(resp, 200, "Account", account(auth));
            case "/api-demo" -> send(resp, 200, "JSON API", apiDemo());
            default -> send(resp, 404, "Not found", "<p>No such page.</p>");
        }
    }

    private String home(Auth auth) {
        if (!auth.isSignedIn()) {
            return "<p id=\"signed-out\">You are not signed in.</p>"
                    + "<p><a id=\"sign-in\" href=\"/auth/sign-in?returnTo=/account\">Sign in</a> "
                    + "<a id=\"sign-up\" href=\"/auth/sign-up?returnTo=/account\">Sign up</a></p>"
                    + (fake ? "<p>This demo runs against an embedded FakeWorkOS: pick any demo user, no password.</p>" : "");
        }
        User u = auth.user().orElseThrow();
        return "<p id=\"welcome\">Welcome, " + e(u.displayName()) + ".</p>"
                + "<p><a href=\"/account\">Your account</a> · <a href=\"/api-demo\">JSON API from JavaScript</a></p>"
                + signOutForm();
    }

    private String account(Auth auth) {
        User u = auth.user().orElseThrow(); // the filter only lets signed-in users reach /account
        StringBuilder b = new StringBuilder();
        auth.impersonator().ifPresent(i -> b.append("<p class=\"banner\" id=\"impersonation\">You are being impersonated by ")
                .append(e(i.email())).append(i.reason().map(r -> " (" + e(r) + ")").orElse("")).append(".</p>"));
        b.append("<dl>")
                .append(row("Name", "name", u.displayName()))
                .append(row("Email", "email", u.email()))
                .append(row("User id", "user-id", u.id()))
                .append(row("Organization", "organization", auth.organizationId().map(this::organizationName).orElse("none")))
                .append(row("Role", "role", auth.role().orElse("none")))
                .append(row("Roles", "roles", String.join(", ", auth.roles())))
                .append(row("Permissions", "permissions", String.join(", ", auth.permissions())))
                .append(row("Entitlements", "entitlements", String.join(", ", auth.entitlements())))
                .append(row("Feature flags", "feature-flags", String.join(", ", auth.featureFlags())))
                .append(row("Signed in with", "method", auth.authenticationMethod().orElse("unknown")))
                .append("</dl>");
        if (!organizations.isEmpty()) {
            b.append("<h2>Switch organization</h2>");
            for (DemoApp.Organization o : organizations) {
                boolean current = auth.organizationId().filter(o.id()::equals).isPresent();
                b.append("<form method=\"post\" style=\"display:inline\" action=\"/auth/api/switch-organization?organizationId=")
                        .append(url(o.id())).append("&amp;returnTo=%2Faccount\"><button id=\"switch-").append(e(o.id())).append("\"")
                        .append(current ? " disabled" : "").append(">").append(e(o.name())).append("</button></form>");
            }
        }
        b.append("<p><a href=\"/\">Home</a> · <a href=\"/api-demo\">JSON API from JavaScript</a></p>").append(signOutForm());
        return b.toString();
    }

    private String apiDemo() {
        return "<p>These buttons call authkit's JSON endpoints from plain JavaScript. State-changing calls send the "
                + "<code>X-AuthKit-Request</code> header, without which they are refused.</p>"
                + "<p><button id=\"get-auth\" onclick=\"call('GET','/auth/api/auth?ensureSignedIn=true&returnTo=/api-demo')\">Current auth</button>"
                + "<button id=\"get-token\" onclick=\"call('GET','/auth/api/access-token')\">Access token</button>"
                + "<button id=\"refresh-token\" onclick=\"call('POST','/auth/api/access-token/refresh')\">Refresh access token</button>"
                + "<button id=\"refresh\" onclick=\"call('POST','/auth/api/refresh')\">Refresh session</button>"
                + "<button id=\"session\" onclick=\"call('GET','/auth/api/session')\">Session check</button></p>"
                + "<pre id=\"result\">Click a button.</pre>"
                + "<p><a href=\"/\">Home</a> · <a href=\"/account\">Account</a></p>"
                + "<script>function call(method, url) {"
                + " var x = new XMLHttpRequest(); x.open(method, url);"
                + " if (method === 'POST') { x.setRequestHeader('X-AuthKit-Request', '1'); }"
                + " x.onload = function () { document.getElementById('result').textContent ="
                + " x.status + '\\n' + JSON.stringify(JSON.parse(x.responseText), null, 2); };"
                + " x.send();"
                + "}</script>";
    }

    private String organizationName(String id) {
        return organizations.stream().filter(o -> o.id().equals(id)).map(o -> o.name() + " (" + id + ")").findFirst().orElse(id);
    }

    private static String signOutForm() {
        return "<form method=\"post\" action=\"/auth/sign-out?returnTo=%2F\"><button id=\"sign-out\">Sign out</button></form>";
    }

    private static String row(String label, String id, String value) {
        return "<dt>" + label + "</dt><dd id=\"" + id + "\">" + e(value) + "</dd>";
    }

    private static void send(HttpServletResponse resp, int status, String title, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.getWriter().write("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title
                + " – authkit-java demo</title>" + STYLE + "</head><body><nav><a href=\"/\">authkit-java demo</a></nav><h1>"
                + title + "</h1>" + body + "</body></html>");
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String e(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
