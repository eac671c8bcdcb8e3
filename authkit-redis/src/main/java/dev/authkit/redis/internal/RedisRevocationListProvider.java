package dev.authkit.redis.internal;

import dev.authkit.core.RevocationList;
import dev.authkit.redis.RedisRevocationList;
import java.util.List;

/** Lets {@link RevocationList#fromUri} create a {@link RedisRevocationList} (found by ServiceLoader). */
public final class RedisRevocationListProvider implements RevocationList.Provider {
    @Override
    public List<String> schemes() {
        return List.of("redis", "rediss", "redis-sentinel");
    }

    @Override
    public RevocationList create(String uri) {
        return RedisRevocationList.create(uri);
    }
}
