/**
 * The framework-agnostic core of authkit-java: {@link dev.authkit.core.AuthKitConfig} and
 * {@link dev.authkit.core.CookieSealer} today; sessions, the sign-in flow and route matching sit
 * beside them.
 */
package dev.authkit.core;
