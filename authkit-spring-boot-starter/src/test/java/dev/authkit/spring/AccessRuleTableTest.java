package dev.authkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authkit.core.AccessRule;
import dev.authkit.spring.internal.AuthKitWebMvcConfigurer;
import dev.authkit.spring.test.AuthKitTestSessions;
import dev.authkit.spring.test.AutoConfigureFakeWorkOS;
import dev.authkit.testkit.FakeWorkOS;
import dev.authkit.testkit.conformance.AccessRuleTable;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * The shared {@link AccessRuleTable} through the starter on a real server: {@link RequiresSignIn}
 * and JSR-250 annotations state the table's rules, and the answers match the table, the same
 * table the JAX-RS adapter runs.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "authkit.accept-bearer-tokens=true")
@AutoConfigureFakeWorkOS
class AccessRuleTableTest {
    @LocalServerPort
    int port;
    @Autowired
    FakeWorkOS fake;
    @Autowired
    AuthKitTestSessions sessions;

    @Test
    void theAnnotationsStateTheTablesRules() throws Exception {
        Map<String, AccessRule> stated = new LinkedHashMap<>();
        AccessRuleTableController bean = new AccessRuleTableController();
        for (Method m : AccessRuleTableController.class.getDeclaredMethods()) {
            GetMapping mapping = m.getAnnotation(GetMapping.class);
            if (mapping != null) {
                stated.put(mapping.value()[0], AuthKitWebMvcConfigurer.rule(new HandlerMethod(bean, m)).orElseThrow());
            }
        }
        assertThat(stated).containsExactlyInAnyOrderEntriesOf(AccessRuleTable.rulesByPath());
    }

    @Test
    void everyCaseAnswersAsTheTableSays() {
        AccessRuleTable.verify("http://localhost:" + port + "/public/rules/", fake, sessions::cookieHeader);
    }
}
