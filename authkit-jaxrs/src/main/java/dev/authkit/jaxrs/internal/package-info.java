/** Implementation details of the JAX-RS adapter. Not an API. */
package dev.authkit.jaxrs.internal;
