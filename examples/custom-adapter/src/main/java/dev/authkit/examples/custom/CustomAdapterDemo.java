package dev.authkit.examples.custom;

import com.sun.net.httpserver.HttpServer;
import dev.authkit.core.AuthKit;
import dev.authkit.testkit.LocalDevelopment;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

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
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", new AuthKitHttpHandler(builder.build(), (exchange, auth, headers) -> {
            String text = auth.user().map(u -> "Hello, " + escape(u.displayName()) + ". Sign out with POST /auth/sign-out.")
                    .orElse("Not signed in. Visit /auth/sign-in?returnTo=/me or any other path.");
            byte[] body = page(text).getBytes(StandardCharsets.UTF_8);
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

    /** The text as a page with authkit's browser client: the impersonation banner and a reload when the session changes elsewhere. */
    static String page(String text) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>authkit-java custom adapter</title></head><body>"
                + "<p id=\"text\">" + text + "</p><authkit-impersonation></authkit-impersonation><script type=\"module\">\n"
                + "import { getAuth, onChange } from '/auth/client.js';\n"
                + "getAuth().catch(() => {});\n"
                + "onChange((auth, event) => { if (event.type != 'refresh' && !event.leaving) location.reload(); });\n"
                + "</script></body></html>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
