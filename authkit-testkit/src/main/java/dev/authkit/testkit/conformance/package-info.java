/**
 * The adapter conformance suite: {@link dev.authkit.testkit.conformance.AdapterConformanceSuite}
 * proves an adapter maps requests, cookies, headers and redirects onto authkit-core correctly,
 * through a real server. Every adapter of authkit-java runs it; so should yours. Needs
 * {@code junit-jupiter-api} on the test class path.
 */
package dev.authkit.testkit.conformance;
