package dev.authkit.spring.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Says at start-up when the starter cannot act: in a reactive (WebFlux) application without
 * {@code authkit-webflux} on the class path it registers no filter, so authkit answers no route,
 * reads no session and resolves no {@code Auth} parameter. With {@code authkit-webflux} the
 * starter configures the reactive stack ({@code AuthKitWebFluxAutoConfiguration}) and says nothing.
 */
public final class WebStackCheck implements SmartInitializingSingleton {
    /** The start-up warning, word for word, for tests and documentation. */
    public static final String REACTIVE_WARNING = "authkit-spring-boot-starter is on the class path of a reactive (WebFlux) "
            + "application without dev.authkit:authkit-webflux, so it cannot act: it registers no filter, so authkit "
            + "answers none of its routes (sign-in, callback, /auth/api, /auth/client.js), reads no session and resolves "
            + "no Auth parameter. Add the dependency dev.authkit:authkit-webflux; see docs/spring-boot.md.";
    /** The class whose presence lets the starter act in a reactive application. */
    static final String WEBFLUX_ADAPTER = "dev.authkit.webflux.AuthKitWebFilter";
    private static final Logger LOG = LoggerFactory.getLogger("dev.authkit.spring");
    private final ApplicationContext context;

    public WebStackCheck(ApplicationContext context) {
        this.context = context;
    }

    /** Whether the starter cannot act in {@code context}. */
    public static boolean cannotAct(ApplicationContext context) {
        return context instanceof ReactiveWebApplicationContext
                && !ClassUtils.isPresent(WEBFLUX_ADAPTER, context.getClassLoader());
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (cannotAct(context)) {
            LOG.warn(REACTIVE_WARNING);
        }
    }
}
