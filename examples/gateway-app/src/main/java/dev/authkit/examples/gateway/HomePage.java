package dev.authkit.examples.gateway;

import dev.authkit.core.Auth;
import dev.authkit.webflux.AuthKitWebFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The gateway's own page at {@code /}: who is signed in, a proxied call, sign-in and sign-out. */
@Configuration(proxyBeanMethods = false)
class HomePage {

    @Bean
    RouterFunction<ServerResponse> home() {
        return RouterFunctions.route().GET("/", request -> {
            Auth auth = AuthKitWebFilter.auth(request.exchange());
            return ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(render(auth));
        }).build();
    }

    static String render(Auth auth) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<title>authkit gateway</title></head><body><h1>Gateway</h1>");
        if (auth.user().isPresent()) {
            html.append("<p id=\"signed-in\">Signed in as <span id=\"email\">").append(escape(auth.user().get().email()))
                    .append("</span></p>")
                    .append("<p><a id=\"call-api\" href=\"/api/posts\">GET /api/posts</a> (proxied to the downstream service "
                            + "with your access token as <code>Authorization: Bearer</code>)</p>")
                    .append("<form method=\"post\" action=\"/auth/sign-out?returnTo=%2F\"><button id=\"sign-out\">Sign out</button></form>");
        } else {
            html.append("<p id=\"signed-out\">You are not signed in.</p>")
                    .append("<p><a id=\"sign-in\" href=\"/auth/sign-in\">Sign in</a></p>");
        }
        return html.append("</body></html>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
