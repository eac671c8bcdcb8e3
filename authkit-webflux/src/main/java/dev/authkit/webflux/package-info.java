/**
 * authkit for Spring WebFlux: {@link dev.authkit.webflux.AuthKitWebFilter}, a {@code WebFilter}
 * over authkit-core.
 */
package dev.authkit.webflux;
