package dev.authkit.core.internal.workos;

import com.workos.WorkOS;
import com.workos.common.http.RetryConfig;
import dev.authkit.core.AuthKitConfig;

/** Builds the official WorkOS SDK client from an {@link AuthKitConfig}, pointed at its derived base URL. */
public final class WorkOSClients {
    private WorkOSClients() {
    }

    /**
     * A client for {@code config.apiBaseUrl()} with the config's API key and client ID.
     *
     * @param retries the SDK's retry policy; {@link RetryConfig#DISABLED} where a caller is
     *                waiting on the answer and retries its own way
     */
    public static WorkOS create(AuthKitConfig config, RetryConfig retries) {
        return WorkOS.builder()
                .apiKey(config.apiKey())
                .clientId(config.clientId())
                .apiBaseUrl(config.apiBaseUrl().toString())
                .retryConfig(retries)
                .build();
    }
}
