/**
 * The Jakarta REST (JAX-RS) adapter of authkit-java: a {@code Feature} that registers the request
 * and response filters, a {@code SecurityContext} backed by the WorkOS session, and bearer-token
 * support for APIs. It only translates between JAX-RS and {@code dev.authkit.core}.
 */
package dev.authkit.jaxrs;
