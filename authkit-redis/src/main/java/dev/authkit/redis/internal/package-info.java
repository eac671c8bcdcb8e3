/** Implementation details of authkit-redis; not an API. */
package dev.authkit.redis.internal;
