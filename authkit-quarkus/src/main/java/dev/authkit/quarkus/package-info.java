/**
 * authkit on Quarkus: add {@code dev.authkit:authkit-quarkus} beside {@code quarkus-rest} (or classic
 * {@code quarkus-resteasy}) and set {@code WORKOS_*} or {@code authkit.*} configuration. The AuthKit
 * comes from {@link dev.authkit.quarkus.AuthKitProducer} (replace it with your own producer), the
 * providers are discovered, guards are enforced after matching, and {@code CurrentAuth} is injectable.
 */
package dev.authkit.quarkus;
