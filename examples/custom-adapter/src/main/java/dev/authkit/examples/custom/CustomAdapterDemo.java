package dev.authkit.examples.custom;

import com.sun.net.httpserver.HttpServer;
import dev.authkit.core.AuthKit;
import dev.authkit.testkit.LocalDevelopment;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A page on the JDK HTTP server behind {@link AuthKitHttpHandler}: {@code PORT} (default 8070),
 * WorkOS from {@code WORKOS_*} or an embedded FakeWorkOS. Everything but {@code /} needs a session.
 */
public final class CustomAdapterDemo {
    private CustomAdapterDemo() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8070"));
        LocalDevelopment local = LocalDevelopment.start(System.getenv(), "http://localhost:" + port + "/callback");
        AuthKit.Builder builder = AuthKit.builder(local.config()).middlewareAuth(true).unauthenticatedPaths("/");
        local.fake().ifPresent(f -> builder.clock(f.clock()));
        // localhost only unless DEMO_HOST says otherwise (DEMO_HOST=0.0.0.0 to reach it from elsewhere)
        String host = System.getenv().getOrDefault("DEMO_HOST", "localhost");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/", new AuthKitHttpHandler(builder.build(), (exchange, auth, headers) -> {
            byte[] body = page(auth.user().map(u -> u.displayName())).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            local.close();
        }));
        System.out.println("Custom-adapter demo running at http://localhost:" + port);
    }

    /**
     * The page for a signed-in user's name, or for a signed-out visitor: sign-in link or sign-out form
     * (a same-origin POST, as the core requires), with authkit's browser client for the impersonation
     * banner and a reload when the session changes elsewhere.
     */
    static String page(Optional<String> signedInAs) {
        String body = signedInAs
                .map(name -> "<p id=\"text\">Hello, " + escape(name) + ".</p>"
                        + "<form method=\"post\" action=\"/auth/sign-out?returnTo=%2F\"><button id=\"sign-out\">Sign out</button></form>")
                .orElse("<p id=\"text\">Not signed in. Every path but this one needs a session.</p>"
                        + "<p><a id=\"sign-in\" href=\"/auth/sign-in?returnTo=/me\">Sign in</a></p>");
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>authkit-java custom adapter</title>" + FAVICON + STYLE
                + "</head><body><nav><a href=\"/\">authkit-java custom-adapter demo</a></nav><h1>JDK HTTP server</h1>"
                + body + "<authkit-impersonation></authkit-impersonation><script type=\"module\">\n"
                + "import { getAuth, onChange } from '/auth/client.js';\n"
                + "getAuth().catch(() => {});\n"
                + "onChange((auth, event) => { if (event.type != 'refresh' && !event.leaving) location.reload(); });\n"
                + "</script></body></html>";
    }

    /** The servlet demo's look, so that the demos read as one project. */
    private static final String STYLE = "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
            + "padding:0 1rem;color:#1f2328}nav a{margin-right:1rem}button{margin:.2rem .4rem .2rem 0}</style>";

    /** An inline icon, so the browser does not ask the server for {@code /favicon.ico}. */
    private static final String FAVICON = "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' "
            + "viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%236639ba'/%3E%3C/svg%3E\">";

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
