package dev.authkit.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import dev.authkit.core.AccessRule;
import dev.authkit.core.AuthKit;
import dev.authkit.testkit.DemoData;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.IssuedSession;
import dev.authkit.testkit.conformance.AdapterConformanceSuite.RunningApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Functional endpoints guarded with {@link WebFluxAuthKit#require}: on Reactor Netty behind
 * {@link AuthKitWebFilter}, against FakeWorkOS, a refused request gets the core's answer (sign-in
 * redirect, 401, 403, step-up) and the handler is never called.
 */
class RouterFunctionRulesTest {
    static final String PASSWORD = "router-function-rules-test-password-0123456789";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    FakeWorkOS fake;
    RunningApp app;
    String base;
    final AtomicInteger handled = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        fake = FakeWorkOS.builder().withDemoData().start();
        int port = NettyApps.freePort();
        base = "http://127.0.0.1:" + port;
        AuthKit authKit = AuthKit.builder(NettyApps.config(fake, port, PASSWORD).build()).clock(fake.clock()).build();
        HandlerFunction<ServerResponse> whoAmI = request -> {
            handled.incrementAndGet();
            return ServerResponse.ok().bodyValue(
                    request.path() + " " + AuthKitWebFilter.auth(request.exchange()).userId().orElse("-"));
        };
        RouterFunction<ServerResponse> routes = RouterFunctions.route(GET("/public"), whoAmI)
                .and(RouterFunctions.route(GET("/account"), whoAmI).filter(WebFluxAuthKit.require(AccessRule.signedIn())))
                .and(RouterFunctions.route(GET("/admin"), whoAmI)
                        .filter(WebFluxAuthKit.require(AccessRule.anyRole("admin"))))
                .and(RouterFunctions.route(GET("/security"), whoAmI)
                        .filter(WebFluxAuthKit.require(AccessRule.signedInWithin(Duration.ofMinutes(5)))));
        app = NettyApps.start(port, "", new AuthKitWebFilter(authKit), RouterFunctions.toWebHandler(routes));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        fake.close();
    }

    HttpResponse<String> get(String path, String accept, IssuedSession session) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept)
                .timeout(Duration.ofSeconds(20));
        if (session != null) {
            r.header("Cookie", "wos-session=" + session.cookieValue(PASSWORD));
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedOutPageLoadIsSentToSignInAndAScriptGets401WithoutTheHandlerRunning() throws Exception {
        assertThat(get("/public", "text/html", null).body()).isEqualTo("/public -");
        handled.set(0);
        HttpResponse<String> page = get("/account", "text/html", null);
        assertThat(page.statusCode()).isIn(302, 303, 307);
        assertThat(page.headers().firstValue("Location")).get().asString()
                .startsWith(fake.baseUrl() + "/user_management/authorize");
        HttpResponse<String> script = get("/account", "application/json", null);
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.body()).contains("signInUrl");
        assertThat(handled).hasValue(0);
    }

    @Test
    void aMissingRoleIs403AndTheRightRolePasses() throws Exception {
        IssuedSession bob = fake.signIn(fake.user(DemoData.BOB).orElseThrow());
        IssuedSession alice = fake.signIn(fake.user(DemoData.ALICE).orElseThrow(), fake.organization(DemoData.ACME).orElseThrow());
        HttpResponse<String> refused = get("/admin", "application/json", bob);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("forbidden");
        assertThat(handled).hasValue(0);
        HttpResponse<String> allowed = get("/admin", "text/html", alice);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("/admin " + DemoData.ALICE);
        assertThat(get("/account", "text/html", bob).body()).isEqualTo("/account " + DemoData.BOB);
        assertThat(handled).hasValue(2);
    }

    @Test
    void aSignInOlderThanTheRuleAllowsIsSentToSignInAgainWithMaxAge() throws Exception {
        IssuedSession alice = fake.signIn(fake.user(DemoData.ALICE).orElseThrow());
        assertThat(get("/security", "text/html", alice).statusCode()).isEqualTo(200);
        fake.clock().advance(Duration.ofMinutes(6));
        HttpResponse<String> page = get("/security", "text/html", alice);
        assertThat(page.statusCode()).isIn(302, 303, 307);
        assertThat(page.headers().firstValue("Location")).get().asString().contains("max_age=300");
        HttpResponse<String> script = get("/security", "application/json", alice);
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("insufficient_user_authentication");
        assertThat(handled).hasValue(1);
    }
}
