/** Side room: the bounded cache that evicts what expires or was used least first. */
package dev.authkit.core.internal.cache;
