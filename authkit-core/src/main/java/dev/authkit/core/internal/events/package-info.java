/** Side room: the decision log (never a secret). */
package dev.authkit.core.internal.events;
