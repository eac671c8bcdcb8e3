package dev.authkit.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code @SpringBootTest}: starts a {@link dev.authkit.testkit.FakeWorkOS} before the
 * application context and points the application's auto-configured {@code AuthKit} at it, so the
 * test signs users in through the real WorkOS SDK without a WorkOS account.
 * <ul>
 * <li>{@code FakeWorkOS} and {@link AuthKitTestSessions} can be {@code @Autowired} into the test;</li>
 * <li>the fake's clock is the application's clock: {@code fake.clock().advance(..)} makes sessions
 *     due for refresh;</li>
 * <li>the client id, API key and WorkOS host come from the fake, overriding {@code WORKOS_*} and
 *     {@code authkit.*}; the application's own cookie password is kept (a random one is used when it
 *     has none), and {@link AuthKitTestSessions} seals cookies with it;</li>
 * <li>with {@code webEnvironment = RANDOM_PORT} the server port is chosen before the context
 *     starts and the redirect URI follows it ({@code http://localhost:<port><context path>/callback},
 *     or the path of the configured redirect URI); with MockMvc the redirect URI is
 *     {@code http://localhost<context path>/callback} unless configured; the context path is
 *     {@code server.servlet.context-path}, or {@code spring.webflux.base-path} in a reactive
 *     application (use {@code WebTestClient} there, see {@code docs/reactive.md});</li>
 * <li>after each test method the fake is {@link dev.authkit.testkit.FakeWorkOS#reset() reset}
 *     (seeded data back, the clock back to real time, failures and journal cleared).</li>
 * </ul>
 * Needs {@code authkit-testkit} on the test class path. An application that defines its own
 * {@code AuthKit} bean gets the fake's properties but must apply its clock itself.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AutoConfigureFakeWorkOS {
    /** Seed the demo users and organizations ({@code DemoData}); default true. */
    boolean demoData() default true;
}
