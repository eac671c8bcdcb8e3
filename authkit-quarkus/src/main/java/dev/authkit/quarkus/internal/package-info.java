/** Not API: the Quarkus adapter's parts. */
package dev.authkit.quarkus.internal;
