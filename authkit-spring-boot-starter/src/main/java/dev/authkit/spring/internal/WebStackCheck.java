package dev.authkit.spring.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * Says at start-up when the starter cannot act: in a reactive (WebFlux) application it registers no
 * filter, so authkit answers no route, reads no session and resolves no {@code Auth} parameter. The
 * starter works in servlet applications (Spring MVC) only; a WebFlux application builds its own
 * {@code AuthKit} and carries out its outcomes (see {@code docs/spring-boot.md}).
 */
public final class WebStackCheck implements SmartInitializingSingleton {
    /** The start-up warning, word for word, for tests and documentation. */
    public static final String REACTIVE_WARNING = "authkit-spring-boot-starter is on the class path of a reactive (WebFlux) "
            + "application, where it cannot act: it registers no filter, so authkit answers none of its routes "
            + "(sign-in, callback, /auth/api, /auth/client.js), reads no session and resolves no Auth parameter. "
            + "The starter works in servlet (Spring MVC) applications; see docs/spring-boot.md for WebFlux.";
    private static final Logger LOG = LoggerFactory.getLogger("dev.authkit.spring");
    private final ApplicationContext context;

    public WebStackCheck(ApplicationContext context) {
        this.context = context;
    }

    /** Whether the starter cannot act in {@code context}. */
    public static boolean cannotAct(ApplicationContext context) {
        return context instanceof ReactiveWebApplicationContext;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (cannotAct(context)) {
            LOG.warn(REACTIVE_WARNING);
        }
    }
}
