/** Side room: the WorkOS SDK client and the meaning of its failures. */
package dev.authkit.core.internal.workos;
