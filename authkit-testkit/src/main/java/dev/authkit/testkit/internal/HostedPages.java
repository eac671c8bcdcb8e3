package dev.authkit.testkit.internal;

import static dev.authkit.testkit.internal.Http.encode;
import static dev.authkit.testkit.internal.Http.escape;

import dev.authkit.testkit.FakeUser;
import java.util.List;

/** The HTML of FakeWorkOS's hosted pages: small, unstyled beyond a few rules, every value escaped. */
public final class HostedPages {
    private static final String STYLE = "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;"
            + "padding:0 1rem;color:#1f2328}li{margin:.4rem 0}a.user{display:block;padding:.6rem .8rem;border:1px solid #d0d7de;"
            + "border-radius:6px;text-decoration:none;color:inherit}a.user.hinted{border-color:#0969da}small{color:#59636e}"
            + ".banner{background:#fff8c5;padding:.5rem .8rem;border-radius:6px}</style>";

    /** An inline icon, so a browser on a hosted page does not ask the fake for {@code /favicon.ico} (a 404). */
    private static final String FAVICON = "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' "
            + "viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%2359636e'/%3E%3C/svg%3E\">";

    private HostedPages() {
    }

    public static String signIn(String flowId, List<FakeUser> users, String loginHint, boolean signUp,
                                String organizationName, String prompt) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(signUp ? "Create an account" : "Sign in").append(" – FakeWorkOS</title>").append(FAVICON).append(STYLE)
                .append("</head><body><p class=\"banner\">FakeWorkOS: a local stand-in for WorkOS AuthKit. "
                        + "No password needed.</p>");
        b.append("<h1 id=\"title\">").append(signUp ? "Create an account" : "Sign in").append("</h1>");
        if (organizationName != null) {
            b.append("<p id=\"organization\">Organization: <strong>").append(escape(organizationName)).append("</strong></p>");
        }
        if ("consent".equals(prompt)) {
            b.append("<p id=\"consent\">The application asks you to confirm access again.</p>");
        }
        b.append("<p>Choose a user:</p><ul id=\"users\">");
        // the user named by login_hint first, the rest in seeding order
        List<FakeUser> ordered = users.stream()
                .sorted(java.util.Comparator.comparing((FakeUser u) -> !matches(u, loginHint)))
                .toList();
        for (FakeUser u : ordered) {
            boolean hinted = matches(u, loginHint);
            b.append("<li><a class=\"user").append(hinted ? " hinted" : "").append("\" id=\"sign-in-")
                    .append(escape(u.id())).append("\" href=\"/user_management/authorize/complete?flow=")
                    .append(encode(flowId)).append("&amp;user_id=").append(encode(u.id())).append("\">")
                    .append(escape(u.displayName())).append(" <small>").append(escape(u.email())).append("</small></a></li>");
        }
        if (users.isEmpty()) {
            b.append("<li id=\"no-users\">No users are seeded.</li>");
        }
        b.append("</ul><h2>").append(signUp ? "New user" : "Or sign up").append("</h2>")
                .append("<form id=\"sign-up\" method=\"get\" action=\"/user_management/authorize/signup\">")
                .append("<input type=\"hidden\" name=\"flow\" value=\"").append(escape(flowId)).append("\">")
                .append("<p><label>Email <input name=\"email\" type=\"email\" required value=\"")
                .append(loginHint == null ? "" : escape(loginHint)).append("\"></label></p>")
                .append("<p><label>First name <input name=\"first_name\"></label></p>")
                .append("<p><label>Last name <input name=\"last_name\"></label></p>")
                .append("<p><button type=\"submit\" id=\"create-account\">Create account</button></p></form>")
                .append("</body></html>");
        return b.toString();
    }

    public static String error(String message) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Error – FakeWorkOS</title>" + FAVICON + STYLE
                + "</head><body><h1>Something went wrong</h1><p id=\"error\">" + escape(message) + "</p></body></html>";
    }

    public static String signedOut() {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Signed out – FakeWorkOS</title>" + FAVICON + STYLE
                + "</head><body><h1 id=\"signed-out\">You are signed out</h1></body></html>";
    }

    private static boolean matches(FakeUser u, String loginHint) {
        return loginHint != null && u.email().equalsIgnoreCase(loginHint);
    }
}
