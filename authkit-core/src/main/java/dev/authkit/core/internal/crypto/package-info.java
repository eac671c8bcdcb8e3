/** Side room: Iron seals, access-token verification and claims, hashes. */
package dev.authkit.core.internal.crypto;
