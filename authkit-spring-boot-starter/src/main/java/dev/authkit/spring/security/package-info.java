/**
 * The Spring Security bridge: active only when Spring Security is on the class path; see
 * {@link dev.authkit.spring.security.AuthKitSecurityAutoConfiguration}.
 */
package dev.authkit.spring.security;
