/**
 * authkit for Spring Boot: add {@code authkit-spring-boot-starter}, set the {@code WORKOS_*}
 * variables or {@code authkit.*} properties ({@link dev.authkit.spring.AuthKitProperties}), and
 * every request goes through authkit's filter; controllers take {@link dev.authkit.core.Auth} as a
 * parameter and guard handlers with {@link dev.authkit.spring.RequiresSignIn}. With Spring Security
 * on the class path, see {@link dev.authkit.spring.security}; for tests, see
 * {@link dev.authkit.spring.test.AutoConfigureFakeWorkOS}. In a WebFlux application, with
 * {@code authkit-webflux} on the class path, see {@link dev.authkit.spring.AuthKitWebFluxAutoConfiguration}.
 */
package dev.authkit.spring;
