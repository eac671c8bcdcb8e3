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

/**
 * The demo's three pages, rendered as plain HTML with every value escaped. Each page loads authkit's
 * browser client ({@code /auth/client.js}): it shows the impersonation banner, reloads the page when
 * the session changes in another tab, and runs the buttons of the JSON API page.
 */
final class Pages extends HttpServlet {
    private static final String STYLE = "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
            + "padding:0 1rem;color:#1f2328}nav a{margin-right:1rem}dt{font-weight:600;margin-top:.5rem}"
            + ".banner{background:#fff8c5;border:1px solid #d4a72c;padding:.6rem .8rem;border-radius:6px}"
            + "button{margin:.2rem .4rem .2rem 0}pre{background:#f6f8fa;padding:.8rem;overflow:auto}"
            + ".sso{font-size:.8em;color:#656d76}</style>";

    /** An inline icon, so the browser does not ask the server for {@code /favicon.ico}. */
    static final String FAVICON = "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' "
            + "viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%236639ba'/%3E%3C/svg%3E\">";

    private final DemoApp.Organizations organizations;
    private final boolean fake;
    private final String clientUrl;

    Pages(DemoApp.Organizations organizations, boolean fake, String clientUrl) {
        this.organizations = organizations;
        this.fake = fake;
        this.clientUrl = clientUrl;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Auth auth = ServletAuthKit.withAuth(req);
        switch (req.getRequestURI()) {
            case "/" -> send(resp, 200, "Home", home(auth) + client(RELOAD_ON_CHANGE));
            case "/account" -> send(resp, 200, "Account", account(auth) + client(RELOAD_ON_CHANGE));
            case "/api-demo" -> send(resp, 200, "JSON API", apiDemo() + client(API_DEMO));
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
        List<DemoApp.Organization> mine = organizations.of(u.id());
        StringBuilder b = new StringBuilder();
        b.append("<dl>")
                .append(row("Name", "name", u.displayName()))
                .append(row("Email", "email", u.email()))
                .append(row("User id", "user-id", u.id()))
                .append(row("Organization", "organization", auth.organizationId().map(id -> organizationName(mine, id)).orElse("none")))
                .append(row("Role", "role", auth.role().orElse("none")))
                .append(row("Roles", "roles", String.join(", ", auth.roles())))
                .append(row("Permissions", "permissions", String.join(", ", auth.permissions())))
                .append(row("Entitlements", "entitlements", String.join(", ", auth.entitlements())))
                .append(row("Feature flags", "feature-flags", String.join(", ", auth.featureFlags())))
                .append(row("Signed in with", "method", auth.authenticationMethod().orElse("not reported by WorkOS")))
                .append("</dl>");
        if (!mine.isEmpty()) {
            b.append("<h2>Switch organization</h2>");
            for (DemoApp.Organization o : mine) {
                boolean current = auth.organizationId().filter(o.id()::equals).isPresent();
                b.append("<form method=\"post\" style=\"display:inline\" data-organization=\"").append(e(o.id()))
                        .append("\" action=\"/auth/api/switch-organization?organizationId=")
                        .append(url(o.id())).append("&amp;returnTo=%2Faccount\"><button id=\"switch-").append(e(o.id())).append("\"")
                        .append(current ? " disabled" : "").append(">").append(e(o.name()))
                        .append(o.requiresSso() ? " <span class=\"sso\">SSO required</span>" : "").append("</button></form>");
            }
            b.append("<p id=\"switch-error\" role=\"alert\"></p>");
        }
        b.append("<p><a href=\"/\">Home</a> · <a href=\"/api-demo\">JSON API from JavaScript</a></p>").append(signOutForm());
        return b.toString();
    }

    private String apiDemo() {
        return "<p>These buttons call authkit's browser client, <code>/auth/client.js</code>, which wraps the JSON "
                + "endpoints (try <code>authkit.getAccessToken()</code> in the console too).</p>"
                + "<p><button id=\"get-auth\">Current auth</button>"
                + "<button id=\"get-token\">Access token</button>"
                + "<button id=\"refresh\">Refresh session</button>"
                + "<button id=\"session\">Check the session again</button>"
                + "<button id=\"client-sign-out\">Sign out</button>"
                + "<button id=\"client-sign-out-everywhere\">Sign out everywhere</button></p>"
                + "<pre id=\"result\">Click a button.</pre>"
                + "<h2>Changes seen by this tab</h2><pre id=\"events\">none yet (sign out or switch organization in another tab)</pre>"
                + "<p><a href=\"/\">Home</a> · <a href=\"/account\">Account</a></p>";
    }

    /** Server-rendered pages show the session as it was: reload them when it changes, here or in another tab. */
    private static final String RELOAD_ON_CHANGE = "authkit.getAuth().catch(() => {});\n"
            + "authkit.onChange((auth, event) => { if (event.type != 'refresh' && !event.leaving) location.reload(); });\n"
            + "for (const form of document.querySelectorAll('form[data-organization]')) {\n"
            + "  form.addEventListener('submit', (e) => { e.preventDefault();\n"
            + "    authkit.switchOrganization(form.dataset.organization).catch((err) => {\n"
            + "      document.getElementById('switch-error').textContent = 'Not switched: ' + err.code; }); });\n"
            + "}\n"
            + "const signOut = document.getElementById('sign-out');\n"
            + "if (signOut) signOut.form.addEventListener('submit', (e) => { e.preventDefault(); authkit.signOut({ returnTo: '/' }); });\n";

    /** The JSON API page: each button shows what the client answers (or the error's code). */
    private static final String API_DEMO = "const result = document.getElementById('result');\n"
            + "const events = document.getElementById('events');\n"
            + "const show = (p) => p.then((v) => { result.textContent = typeof v == 'string' ? v : JSON.stringify(v, null, 2); },\n"
            + "  (e) => { result.textContent = e.name + ' ' + e.code + ': ' + e.message; });\n"
            + "const on = (id, fn) => document.getElementById(id).addEventListener('click', () => show(fn()));\n"
            + "on('get-auth', () => authkit.getAuth({ ensureSignedIn: true }));\n"
            + "on('get-token', () => authkit.getAccessToken());\n"
            + "on('refresh', () => authkit.refresh());\n"
            + "on('session', () => authkit.getAuth({ force: true }));\n"
            + "on('client-sign-out', () => authkit.signOut({ returnTo: '/' }));\n"
            + "on('client-sign-out-everywhere', () => authkit.signOut({ returnTo: '/', everywhere: true }));\n"
            + "const seen = [];\n"
            + "authkit.onChange((auth, event) => { seen.push(event.type + (event.remote ? ' (another tab)' : '') + ': '\n"
            + "  + (auth.user ? auth.user.email + ' in ' + auth.organizationId : 'signed out')); events.textContent = seen.join('\\n'); });\n"
            + "authkit.getAuth().catch(() => {});\n";

    /** The impersonation banner and the client, as {@code window.authkit} for the page's script and the console. */
    private String client(String script) {
        return "<authkit-impersonation></authkit-impersonation>"
                + "<script type=\"module\">import * as authkit from \"" + e(clientUrl) + "\";\n"
                + "window.authkit = authkit;\n" + script + "</script>";
    }

    private static String organizationName(List<DemoApp.Organization> organizations, String id) {
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
                + " – authkit-java demo</title>" + FAVICON + STYLE + "</head><body><nav><a href=\"/\">authkit-java demo</a></nav><h1>"
                + title + "</h1>" + body + "</body></html>");
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String e(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
