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

    /**
     * Answer with this status, {@code Content-Type} and body, whatever they are: what a proxy, a
     * captive portal or a misconfigured gateway sends in WorkOS's place.
     */
    record Body(int status, String contentType, String body) implements Failure {
        public Body {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("HTTP status out of range: " + status);
            }
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * Run the endpoint normally (with its effects: a refresh token is used up), then send only the
     * first half of its body. With {@code declareFullLength} the {@code Content-Length} announces the
     * whole body and the connection closes after the half (a connection cut mid-answer); without it
     * the half is a complete, consistent answer that is no longer valid JSON.
     */
    record Truncated(boolean declareFullLength) implements Failure {
    }

    /** Run the endpoint normally, but label its body with {@code contentType} instead of JSON. */
    record WrongContentType(String contentType) implements Failure {
        public WrongContentType {
            Objects.requireNonNull(contentType, "contentType");
        }
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

    /** Answer {@code status} with any content type and body. */
    static Failure body(int status, String contentType, String body) {
        return new Body(status, contentType, body);
    }

    /** A 200 HTML page instead of JSON, as a captive portal or a login proxy answers. */
    static Failure junkBody() {
        return new Body(200, "text/html; charset=utf-8",
                "<!doctype html><html><body><h1>Sign in to the guest network</h1></body></html>");
    }

    /** A 200 that claims to be JSON and is not ({@code <html>} under {@code application/json}). */
    static Failure notJson() {
        return new Body(200, "application/json", "<html>not json</html>");
    }

    /** A 200 whose JSON body is empty ({@code {}}): valid JSON, none of the fields. */
    static Failure emptyJson() {
        return new Body(200, "application/json", "{}");
    }

    /** The normal answer cut in half: a complete HTTP answer whose body is broken JSON. */
    static Failure truncatedBody() {
        return new Truncated(false);
    }

    /** The normal answer's headers announce the whole body; half is sent and the connection closes. */
    static Failure cutMidBody() {
        return new Truncated(true);
    }

    /** The normal answer labelled {@code text/plain} instead of JSON. */
    static Failure wrongContentType() {
        return new WrongContentType("text/plain; charset=utf-8");
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
