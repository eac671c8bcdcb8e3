/** Refresh coordination across application instances through Redis: {@link dev.authkit.redis.RedisRefreshCoordination}. */
package dev.authkit.redis;
