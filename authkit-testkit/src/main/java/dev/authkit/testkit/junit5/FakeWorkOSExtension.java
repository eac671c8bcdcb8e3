package dev.authkit.testkit.junit5;

import dev.authkit.testkit.FakeWorkOS;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs one {@link FakeWorkOS} per test class and resets it before every test, so each test starts
 * from the builder's seeds with a fresh clock, journal and sessions.
 *
 * <p>Declarative, with default options:
 * <pre>{@code
 * @ExtendWith(FakeWorkOSExtension.class)
 * class SignInTest {
 *     @InjectFakeWorkOS FakeWorkOS workos;            // or a FakeWorkOS method parameter
 *     @Test void signsIn() { FakeUser u = workos.addUser("a@example.com"); ... }
 * }
 * }</pre>
 * With options, registered on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static FakeWorkOSExtension workos = new FakeWorkOSExtension(FakeWorkOS.builder().withDemoData());
 * }</pre>
 * The extension stops the server itself after the class (it does not rely on JUnit closing its
 * store, which JUnit before 5.13 does not do for a plain {@code AutoCloseable}). Seed data that every test needs with
 * {@link FakeWorkOS.Builder#seed}, which runs again on each reset.
 */
public final class FakeWorkOSExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
        ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FakeWorkOSExtension.class);

    private final FakeWorkOS.Builder options;
    private volatile FakeWorkOS server;

    /** Default options: an ephemeral port, no seeds. */
    public FakeWorkOSExtension() {
        this(FakeWorkOS.builder());
    }

    public FakeWorkOSExtension(FakeWorkOS.Builder options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The running server, once the extension has started it for a class. */
    public FakeWorkOS server() {
        FakeWorkOS s = server;
        if (s == null) {
            throw new IllegalStateException("the FakeWorkOS server starts with the first test class that uses this extension");
        }
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        FakeWorkOS s = serverFor(context);
        injectFields(context.getRequiredTestClass(), null, s, true);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        FakeWorkOS s = serverFor(context);
        s.reset();
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(instance.getClass(), instance, s, false);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // the class whose store holds the server is the one finishing: stop it here
        Running running = context.getStore(NAMESPACE).remove(this, Running.class);
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakeWorkOS.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return serverFor(context);
    }

    private FakeWorkOS serverFor(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        FakeWorkOS s = classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(this, k -> new Running(options.start()), Running.class).fake();
        server = s;
        return s;
    }

    /**
     * The store's entry: closed by {@link #afterAll} and, where the extension sits on an instance
     * field (no after-all callback), by JUnit 5.13 and later when the class's store is closed.
     */
    private record Running(FakeWorkOS fake) implements AutoCloseable {
        @Override
        public void close() {
            fake.close();
        }
    }

    private static void injectFields(Class<?> type, Object instance, FakeWorkOS s, boolean statics)
            throws IllegalAccessException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!f.isAnnotationPresent(InjectFakeWorkOS.class) || Modifier.isStatic(f.getModifiers()) != statics) {
                    continue;
                }
                if (f.getType() != FakeWorkOS.class) {
                    throw new ExtensionConfigurationException("@InjectFakeWorkOS field " + c.getSimpleName() + "."
                            + f.getName() + " must be of type FakeWorkOS");
                }
                f.setAccessible(true);
                f.set(instance, s);
            }
        }
    }
}
