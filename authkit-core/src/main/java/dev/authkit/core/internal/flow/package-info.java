/** Side room: the OAuth round trips (sign-in with PKCE and sealed state, callback, sign-out, return targets). */
package dev.authkit.core.internal.flow;
