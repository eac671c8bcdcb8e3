package dev.authkit.testkit.internal.server;

import dev.authkit.testkit.Endpoint;
import dev.authkit.testkit.FakeClock;
import dev.authkit.testkit.Failure;
import dev.authkit.testkit.RecordedRequest;
import dev.authkit.testkit.internal.FailureQueue;
import dev.authkit.testkit.internal.Reply;
import dev.authkit.testkit.internal.RequestJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Routes a request to the {@link Handler} of its {@link Endpoint}, after the failure queued for
 * that endpoint (if any), and records it in the journal before the answer goes out, so a client
 * that has its answer finds its request in the journal. Endpoints without a handler, and
 * {@link Endpoint#OTHER}, go to the fallback handler.
 */
public final class Dispatcher {
    private final Map<Endpoint, Handler> handlers = new EnumMap<>(Endpoint.class);
    private final Handler fallback;
    private final FailureQueue failures;
    private final RequestJournal journal;
    private final FakeClock clock;

    public Dispatcher(Handler fallback, FailureQueue failures, RequestJournal journal, FakeClock clock) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sends the requests of {@code endpoint} to {@code handler}; call before the server starts. */
    public Dispatcher on(Endpoint endpoint, Handler handler) {
        handlers.put(endpoint, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Which endpoint a request is for: path and method, as WorkOS routes them. */
    public static Endpoint route(String method, String path) {
        if (path.equals("/user_management/authenticate") && method.equals("POST")) {
            return Endpoint.AUTHENTICATE;
        }
        if (path.startsWith("/sso/jwks/") && method.equals("GET")) {
            return Endpoint.JWKS;
        }
        if (path.startsWith("/user_management/authorize") && method.equals("GET")) {
            return Endpoint.AUTHORIZE;
        }
        if (path.equals("/user_management/sessions/logout") && method.equals("GET")) {
            return Endpoint.LOGOUT;
        }
        if (path.equals("/user_management/sessions/revoke") && method.equals("POST")) {
            return Endpoint.REVOKE_SESSION;
        }
        if (path.startsWith("/user_management/users/") && path.endsWith("/sessions") && method.equals("GET")) {
            return Endpoint.LIST_SESSIONS;
        }
        if (path.startsWith("/organizations/") && method.equals("GET")) {
            return Endpoint.ORGANIZATION;
        }
        if (path.equals("/api_keys/validations") && method.equals("POST")) {
            return Endpoint.API_KEY_VALIDATION;
        }
        return Endpoint.OTHER;
    }

    /** The answer to {@code request}, journaled and numbered ({@code X-Request-Id: req_fake_<n>}). */
    public Reply dispatch(Request request) {
        Endpoint endpoint = route(request.method(), request.path());
        Instant receivedAt = clock.instant();
        Reply reply;
        try {
            reply = answer(endpoint, request);
        } catch (RuntimeException e) {
            reply = Reply.json(500, "{\"error\":\"server_error\",\"error_description\":\"FakeWorkOS failed: "
                    + e.getClass().getSimpleName() + "\"}");
        }
        int number = journal.record(new RecordedRequest(endpoint, request.method(), request.path(), request.query(),
                request.headers(), request.body(), reply.status(), receivedAt));
        return reply.withHeader("X-Request-Id", "req_fake_" + number);
    }

    private Reply answer(Endpoint endpoint, Request request) {
        Failure failure = failures.next(endpoint);
        if (failure instanceof Failure.Delayed d) {
            sleep(d.delay());
            failure = d.failure();
        }
        if (failure instanceof Failure.DropConnection) {
            return Reply.dropConnection();
        }
        if (failure instanceof Failure.Status f) {
            return Reply.json(f.status(), f.jsonBody());
        }
        if (failure instanceof Failure.RateLimited f) {
            return Reply.json(429, "{\"error\":\"too_many_requests\",\"error_description\":\"Rate limit exceeded.\"}")
                    .withHeader("Retry-After", Integer.toString(f.retryAfterSeconds()));
        }
        if (failure instanceof Failure.Body f) {
            return new Reply(f.status(), Map.of("Content-Type", f.contentType()), f.body());
        }
        if (failure instanceof Failure.Latency f) {
            sleep(f.delay());
        }
        Reply normal = handlers.getOrDefault(endpoint, fallback).handle(request);
        if (failure instanceof Failure.Truncated f) {
            return normal.truncated(f.declareFullLength());
        }
        if (failure instanceof Failure.WrongContentType f) {
            return normal.withHeader("Content-Type", f.contentType());
        }
        return normal;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
