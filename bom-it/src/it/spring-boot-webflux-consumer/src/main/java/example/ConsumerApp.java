package example;

import dev.authkit.core.Auth;
import dev.authkit.spring.RequiresSignIn;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A Spring Boot WebFlux application with nothing but the starter, authkit-webflux and a controller that takes the Auth. */
@SpringBootApplication
@RestController
public class ConsumerApp {
    @RequiresSignIn
    @GetMapping("/me")
    Mono<String> me(Auth auth) {
        return Mono.just(auth.user().map(u -> u.email()).orElseThrow());
    }
}
