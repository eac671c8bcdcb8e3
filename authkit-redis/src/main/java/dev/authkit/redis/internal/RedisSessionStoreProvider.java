package dev.authkit.redis.internal;

import dev.authkit.core.SessionStore;
import dev.authkit.redis.RedisSessionStore;
import java.util.List;

/** Lets {@link SessionStore#fromUri} create a {@link RedisSessionStore} (found by ServiceLoader). */
public final class RedisSessionStoreProvider implements SessionStore.Provider {
    @Override
    public List<String> schemes() {
        return List.of("redis", "rediss", "redis-sentinel");
    }

    @Override
    public SessionStore create(String uri) {
        return RedisSessionStore.create(uri);
    }
}
