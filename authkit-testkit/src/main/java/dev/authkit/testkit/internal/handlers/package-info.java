/** One handler per WorkOS endpoint FakeWorkOS serves, and their wiring ({@code Routes}). Not an API. */
package dev.authkit.testkit.internal.handlers;
