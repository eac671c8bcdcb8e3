/** Stage 8, the outcome: cookies, cache headers and error pages, in one place each. */
package dev.authkit.core.internal.outcome;
