package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.workos.WorkOS;
import com.workos.common.exceptions.BadRequestException;
import com.workos.common.http.RetryConfig;
import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeWorkOSExtension.class)
class ConcurrentRefreshTest {
    @Test
    void ofAHundredParallelRefreshesOfOneTokenExactlyOneSucceeds(FakeWorkOS fake) throws Exception {
        WorkOS workos = WorkOS.builder().apiKey(fake.apiKey()).clientId(fake.clientId()).apiBaseUrl(fake.baseUrl())
                .retryConfig(RetryConfig.DISABLED).build();
        String refreshToken = fake.signIn(fake.addUser("c@example.com")).refreshToken();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Callable<String> call = () -> {
                    go.await();
                    try {
                        workos.getUserManagement().authenticateWithRefreshToken(refreshToken);
                        return "ok";
                    } catch (BadRequestException e) {
                        return e.rawBody != null && e.rawBody.contains("invalid_grant") ? "invalid_grant" : "other";
                    }
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).filteredOn("ok"::equals).hasSize(1);
            assertThat(outcomes).filteredOn("invalid_grant"::equals).hasSize(99);
            assertThat(fake.refreshCalls()).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
    }
}
