package dev.authkit.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault {@link FakeWorkOS} injects instead of (or before) its normal answer; see
 * {@link FakeWorkOS#failNext(Endpoint, int, Failure)}.
 */
public sealed interface Failure {

    /** Answer with this status and JSON body. */
    record Status(int status, String jsonBody) implements Failure {
        public Status {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("HTTP status out of range: " + status);
            }
            Objects.requireNonNull(jsonBody, "jsonBody");
        }
    }

    /** Wait, then answer normally. */
    record Latency(Duration delay) implements Failure {
        public Latency {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** Wait, then fail as {@code failure} does (a slow failure keeps concurrent callers waiting on it). */
    record Delayed(Duration delay, Failure failure) implements Failure {
        public Delayed {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** Close the connection without answering. */
    record DropConnection() implements Failure {
    }

    static Failure status(int status, String jsonBody) {
        return new Status(status, jsonBody);
    }

    /** 503 with a WorkOS-style error body. */
    static Failure serverError() {
        return new Status(503, "{\"error\":\"service_unavailable\",\"error_description\":\"Injected by FakeWorkOS.\"}");
    }

    /** 400 {@code invalid_grant}, as WorkOS answers a used or unknown refresh token. */
    static Failure invalidGrant() {
        return new Status(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Injected by FakeWorkOS.\"}");
    }

    /** 429 with {@code Retry-After: seconds}. */
    static Failure rateLimited(int retryAfterSeconds) {
        return new RateLimited(retryAfterSeconds);
    }

    static Failure latency(Duration delay) {
        return new Latency(delay);
    }

    static Failure delayed(Duration delay, Failure failure) {
        return new Delayed(delay, failure);
    }

    static Failure dropConnection() {
        return new DropConnection();
    }

    /** 429 with a {@code Retry-After} header. */
    record RateLimited(int retryAfterSeconds) implements Failure {
        public RateLimited {
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("retryAfterSeconds must not be negative");
            }
        }
    }
}
