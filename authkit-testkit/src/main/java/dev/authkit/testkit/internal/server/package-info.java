/**
 * FakeWorkOS's HTTP server and its dispatcher: the server reads requests off the wire, the
 * dispatcher applies injected failures, routes to one handler per WorkOS endpoint and journals.
 * Not an API.
 */
package dev.authkit.testkit.internal.server;
