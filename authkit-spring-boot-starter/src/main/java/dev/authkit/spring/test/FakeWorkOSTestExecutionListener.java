package dev.authkit.spring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the {@link AutoConfigureFakeWorkOS} fake after each test method, so one test's users,
 * clock and injected failures do not leak into the next test sharing the context. Refers to no
 * testkit class, so applications without the testkit can load it.
 */
public final class FakeWorkOSTestExecutionListener implements TestExecutionListener {
    @Override
    public void afterTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        if (context.containsBean(FakeWorkOSContextCustomizer.RESET_BEAN)) {
            ((Runnable) context.getBean(FakeWorkOSContextCustomizer.RESET_BEAN)).run();
        }
    }
}
