package dev.authkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.workos.WorkOS;
import com.workos.common.exceptions.GenericServerException;
import com.workos.common.exceptions.RateLimitException;
import com.workos.common.exceptions.TransportException;
import com.workos.common.exceptions.WorkOSException;
import com.workos.common.http.RetryConfig;
import dev.authkit.testkit.junit5.FakeWorkOSExtension;
import dev.authkit.testkit.junit5.InjectFakeWorkOS;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeWorkOSExtension.class)
class FailureInjectionTest {
    @InjectFakeWorkOS
    FakeWorkOS fake;
    WorkOS workos;
    IssuedSession session;

    @BeforeEach
    void setUp() {
        workos = WorkOS.builder().apiKey(fake.apiKey()).clientId(fake.clientId()).apiBaseUrl(fake.baseUrl())
                .retryConfig(RetryConfig.DISABLED).build();
        session = fake.signIn(fake.addUser("f@example.com"));
    }

    @Test
    void statusAndBodyForTheNextCallsOnly() {
        fake.failNext(Endpoint.AUTHENTICATE, 2, Failure.serverError());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> workos.getUserManagement().authenticateWithRefreshToken(session.refreshToken()))
                    .isInstanceOf(GenericServerException.class)
                    .satisfies(e -> assertThat(((WorkOSException) e).status).isEqualTo(503));
        }
        // the injected failures did not consume the refresh token
        assertThat(workos.getUserManagement().authenticateWithRefreshToken(session.refreshToken()).getUser()).isNotNull();
        assertThat(fake.requests(Endpoint.AUTHENTICATE)).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.rateLimited(7));
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithRefreshToken(session.refreshToken()))
                .isInstanceOf(RateLimitException.class)
                .satisfies(e -> assertThat(((RateLimitException) e).retryAfterSeconds).isEqualTo(7L));
    }

    @Test
    void latencyDelaysThenAnswers() {
        fake.failNext(Endpoint.JWKS, 1, Failure.latency(Duration.ofMillis(300)));
        long start = System.nanoTime();
        assertThat(workos.getUserManagement().getJwks(fake.clientId()).getKeys()).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aDroppedConnectionIsATransportError() {
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.dropConnection());
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithRefreshToken(session.refreshToken()))
                .isInstanceOf(TransportException.class);
        assertThat(fake.requests(Endpoint.AUTHENTICATE).get(0).status()).isZero();
        assertThat(workos.getUserManagement().authenticateWithRefreshToken(session.refreshToken()).getUser()).isNotNull();
    }

    @Test
    void injectedInvalidGrantLooksLikeWorkOS() {
        fake.failNext(Endpoint.AUTHENTICATE, 1, Failure.invalidGrant());
        assertThatThrownBy(() -> workos.getUserManagement().authenticateWithRefreshToken(session.refreshToken()))
                .isInstanceOf(WorkOSException.class)
                .satisfies(e -> assertThat(((WorkOSException) e).rawBody).contains("invalid_grant"));
    }
}
