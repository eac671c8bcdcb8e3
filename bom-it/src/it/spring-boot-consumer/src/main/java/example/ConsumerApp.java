package example;

import dev.authkit.core.Auth;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A Spring Boot application with nothing but the starter and a controller that takes the Auth. */
@SpringBootApplication
@RestController
public class ConsumerApp {
    @GetMapping("/me")
    String me(Auth auth) {
        return auth.user().map(u -> u.email()).orElse("signed out");
    }
}
