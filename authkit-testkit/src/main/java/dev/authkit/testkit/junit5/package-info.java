/**
 * JUnit 5 support for {@link dev.authkit.testkit.FakeWorkOS}. Needs {@code junit-jupiter-api}
 * 5.13 or later on the test class path; nothing else in the testkit does.
 */
package dev.authkit.testkit.junit5;
