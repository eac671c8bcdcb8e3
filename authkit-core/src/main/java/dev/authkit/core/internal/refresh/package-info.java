/** Stage 6, refresh: refresh-token exchanges, their coordination across requests and instances, and what WorkOS's answers mean. */
package dev.authkit.core.internal.refresh;
