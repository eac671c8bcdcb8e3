/**
 * FakeWorkOS's state: the directory (users, organizations, memberships), authorization flows and
 * codes, sessions with their single-use refresh tokens, and token issuing. Not an API.
 */
package dev.authkit.testkit.internal.store;
