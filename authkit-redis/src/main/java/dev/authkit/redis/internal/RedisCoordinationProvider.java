package dev.authkit.redis.internal;

import dev.authkit.core.RefreshCoordination;
import dev.authkit.redis.RedisRefreshCoordination;
import java.util.List;

/** Lets {@link RefreshCoordination#fromUri} create a {@link RedisRefreshCoordination} (found by ServiceLoader). */
public final class RedisCoordinationProvider implements RefreshCoordination.Provider {
    @Override
    public List<String> schemes() {
        return List.of("redis", "rediss", "redis-sentinel");
    }

    @Override
    public RefreshCoordination create(String uri) {
        return RedisRefreshCoordination.create(uri);
    }
}
