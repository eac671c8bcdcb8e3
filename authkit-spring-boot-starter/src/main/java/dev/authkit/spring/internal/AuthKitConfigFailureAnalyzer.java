package dev.authkit.spring.internal;

import dev.authkit.core.AuthKitConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed authkit configuration into Spring Boot's start-up report, naming the property to set. */
public final class AuthKitConfigFailureAnalyzer extends AbstractFailureAnalyzer<AuthKitConfigException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AuthKitConfigException cause) {
        return new FailureAnalysis("authkit is not configured correctly: " + cause.getMessage(),
                "Set the authkit.* property named above (in application.properties, or as its WORKOS_* environment "
                        + "variable). See dev.authkit.spring.AuthKitProperties for every property and its default.", cause);
    }
}
