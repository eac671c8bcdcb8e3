package dev.authkit.core.internal.refresh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The in-process {@code RefreshCoordination} ({@code RefreshCoordination.inProcess}): single
 * flight for refresh-token exchanges. WorkOS refresh tokens work once, so two requests that
 * refresh the same session at the same time would sign the second one out; here the first caller
 * exchanges and every concurrent caller with the same key waits for and shares its result. A
 * successful result is also kept for the grace period, for requests that arrive just after with
 * the old cookie (a page's parallel asset and API requests).
 *
 * <p>Holds only keys (hashes) and sealed results; no static state, so each instance is one
 * "application instance". Thread-safe.
 */
public final class RefreshCoordinator {
    private static final int MAX_GRACE_ENTRIES = 10_000;

    private record Graced(String sealed, Instant until) {
    }

    private final Map<String, CompletableFuture<Optional<String>>> inflight = new ConcurrentHashMap<>();
    private final Map<String, Graced> recent = new ConcurrentHashMap<>();
    private final Duration wait;
    private final Clock clock;

    /**
     * @param wait  how long a caller waits for another's exchange before giving up (empty result)
     * @param clock time source for the grace period
     */
    public RefreshCoordinator(Duration wait, Clock clock) {
        this.wait = Objects.requireNonNull(wait, "wait");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Optional<String> refresh(String key, Duration gracePeriod, Supplier<Optional<String>> exchange) {
        Optional<String> recentResult = recent(key);
        if (recentResult.isPresent()) {
            return recentResult;
        }
        CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<String>> running = inflight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        try {
            // a caller that finished between our two looks may have left its result
            Optional<String> result = recent(key);
            if (result.isEmpty()) {
                result = exchange.get();
                result.ifPresent(sealed -> remember(key, sealed, gracePeriod));
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

    private Optional<String> recent(String key) {
        Graced g = recent.get(key);
        if (g == null) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(g.until())) {
            recent.remove(key, g);
            return Optional.empty();
        }
        return Optional.of(g.sealed());
    }

    private void remember(String key, String sealed, Duration gracePeriod) {
        if (gracePeriod.isZero() || gracePeriod.isNegative()) {
            return;
        }
        if (recent.size() >= MAX_GRACE_ENTRIES) {
            Instant now = clock.instant();
            recent.entrySet().removeIf(e -> now.isAfter(e.getValue().until()));
            if (recent.size() >= MAX_GRACE_ENTRIES) {
                return; // under a flood, lose the grace period rather than memory
            }
        }
        recent.put(key, new Graced(sealed, clock.instant().plus(gracePeriod)));
    }

    /** See {@code RefreshCoordination.key}. */
    public static String key(String refreshToken, String organizationId) {
        Objects.requireNonNull(refreshToken, "refreshToken");
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
