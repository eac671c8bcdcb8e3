/** Stage 2, policy: route globs (path-to-regexp) and the protection rules read from the path. */
package dev.authkit.core.internal.policy;
