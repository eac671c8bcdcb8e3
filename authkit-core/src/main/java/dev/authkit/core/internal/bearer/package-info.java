/** Stage 4, bearer credentials: WorkOS access tokens and API keys in the Authorization header. */
package dev.authkit.core.internal.bearer;
