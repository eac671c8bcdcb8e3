package dev.authkit.spring.test;

import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Registered in {@code META-INF/spring.factories}: acts only for test classes with {@link AutoConfigureFakeWorkOS}. */
public final class FakeWorkOSContextCustomizerFactory implements ContextCustomizerFactory {
    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureFakeWorkOS annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureFakeWorkOS.class);
        if (annotation == null) {
            return null;
        }
        SpringBootTest boot = TestContextAnnotationUtils.findMergedAnnotation(testClass, SpringBootTest.class);
        boolean randomPort = boot != null && boot.webEnvironment() == SpringBootTest.WebEnvironment.RANDOM_PORT;
        return new FakeWorkOSContextCustomizer(annotation.demoData(), randomPort);
    }
}
