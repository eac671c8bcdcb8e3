package dev.authkit.examples.gateway;

import dev.authkit.core.AuthKit;
import dev.authkit.testkit.LocalDevelopment;
import dev.authkit.webflux.AuthKitWebFilter;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * Spring Cloud Gateway as the front door (backend for frontend): authkit signs users in at the
 * gateway ({@link AuthKitWebFilter}, registered as a bean), and {@link BearerRelay} forwards each
 * proxied request to the downstream service with the user's access token as
 * {@code Authorization: Bearer}. The downstream is the JAX-RS example, whose {@code /api/posts}
 * takes bearer tokens: {@code DOWNSTREAM_URI} names a running one, else one is started in this
 * process on the same WorkOS.
 *
 * <p>WorkOS comes from the {@code WORKOS_*} variables; without them an embedded FakeWorkOS with the
 * demo users (alice, bob, carol; no passwords) stands in. {@code PORT} is the gateway's port
 * (default 8080).
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    /** Real WorkOS from the environment, or the embedded fake; its callback is this gateway's {@code /callback}. */
    @Bean(destroyMethod = "close")
    LocalDevelopment workos(@Value("${server.port}") int port) {
        return LocalDevelopment.start(System.getenv(), "http://localhost:" + port + "/callback");
    }

    /** Route protection on: only the home page is public; {@code /api/**} needs a signed-in user. */
    @Bean
    AuthKit authKit(LocalDevelopment workos) {
        AuthKit.Builder builder = AuthKit.builder(workos.config()).middlewareAuth(true).unauthenticatedPaths("/");
        workos.fake().ifPresent(f -> builder.clock(f.clock()));
        return builder.build();
    }

    /**
     * In front of everything the gateway answers, routes included: sign-in, the callback, sign-out,
     * and each request's session, refreshed when due (one refresh per session, however many
     * requests share it). Known sessions are decided on the event loop; WorkOS calls on a worker.
     */
    @Bean
    WebFilter authKitWebFilter(AuthKit authKit) {
        return new AuthKitWebFilter(authKit);
    }

    @Bean
    BearerRelay bearerRelay(AuthKit authKit) {
        return new BearerRelay(authKit.config().cookieName());
    }

    @Bean(destroyMethod = "close")
    Downstream downstream(LocalDevelopment workos, @Value("${downstream.uri:}") String uri) {
        if (!uri.isEmpty()) {
            return Downstream.at(URI.create(uri));
        }
        return Downstream.startJaxRsExample(workos, System.getenv());
    }

    /** {@code /api/**} goes to the downstream service as it is, with the user's access token. */
    @Bean
    RouteLocator routes(RouteLocatorBuilder routes, Downstream downstream) {
        return routes.routes().route("api", r -> r.path("/api/**").uri(downstream.uri())).build();
    }
}
