/** Stage 5, the session: the only reader and writer of the session cookie, its cache, and the resolved session. */
package dev.authkit.core.internal.session;
