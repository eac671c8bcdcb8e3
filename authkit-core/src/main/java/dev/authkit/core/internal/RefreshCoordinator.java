package dev.authkit.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Single-flight for refresh-token exchanges. WorkOS refresh tokens work once, so two requests that
 * refresh the same session at the same time would sign the second one out; here the first caller
 * exchanges and every concurrent caller with the same token waits for and shares its result. A
 * successful result is also kept for a short grace period, for requests that arrive just after
 * with the old cookie (a page's parallel asset and API requests).
 *
 * <p>Tokens are never kept: entries are keyed by a SHA-256 of token and organization. Thread-safe.
 *
 * @param <T> the result of one exchange
 */
public final class RefreshCoordinator<T> {
    private static final int MAX_GRACE_ENTRIES = 10_000;

    private record Graced<T>(T result, Instant until) {
    }

    private final Map<String, CompletableFuture<T>> inflight = new ConcurrentHashMap<>();
    private final Map<String, Graced<T>> recent = new ConcurrentHashMap<>();
    private final Duration grace;
    private final Duration wait;
    private final Clock clock;

    /**
     * @param grace how long a successful result answers for the old token
     * @param wait  how long a caller waits for another's exchange before giving up
     * @param clock time source for the grace period
     */
    public RefreshCoordinator(Duration grace, Duration wait, Clock clock) {
        this.grace = Objects.requireNonNull(grace, "grace");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The result of exchanging {@code refreshToken} (for {@code organizationId}, may be null): a
     * recent one, the one under way, or a new one from {@code exchange}, run on this thread.
     *
     * @param cacheable which results may answer later callers during the grace period
     * @param onTimeout the result for a caller that gave up waiting
     */
    public T refresh(String refreshToken, String organizationId, Supplier<T> exchange, Predicate<T> cacheable,
                     Function<String, T> onTimeout) {
        String key = key(refreshToken, organizationId);
        T recentResult = recent(key);
        if (recentResult != null) {
            return recentResult;
        }
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> running = inflight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return onTimeout.apply("timed out waiting for a concurrent refresh");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return onTimeout.apply("interrupted while waiting for a concurrent refresh");
            } catch (ExecutionException e) {
                return onTimeout.apply("concurrent refresh failed");
            }
        }
        try {
            // a caller that finished between our two looks may have left its result
            T result = recent(key);
            if (result == null) {
                result = exchange.get();
                if (cacheable.test(result)) {
                    remember(key, result);
                }
            }
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inflight.remove(key, mine);
        }
    }

    private T recent(String key) {
        Graced<T> g = recent.get(key);
        if (g == null) {
            return null;
        }
        if (clock.instant().isAfter(g.until())) {
            recent.remove(key, g);
            return null;
        }
        return g.result();
    }

    private void remember(String key, T result) {
        if (recent.size() >= MAX_GRACE_ENTRIES) {
            Instant now = clock.instant();
            recent.entrySet().removeIf(e -> now.isAfter(e.getValue().until()));
            if (recent.size() >= MAX_GRACE_ENTRIES) {
                return; // under a flood, lose the grace period rather than memory
            }
        }
        recent.put(key, new Graced<>(result, clock.instant().plus(grace)));
    }

    private static String key(String refreshToken, String organizationId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(refreshToken.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            if (organizationId != null) {
                sha.update(organizationId.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
