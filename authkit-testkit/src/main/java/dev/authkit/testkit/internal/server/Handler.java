package dev.authkit.testkit.internal.server;

import dev.authkit.testkit.internal.Reply;

/**
 * Answers the requests of one WorkOS endpoint. A handler decides the whole {@link Reply} before
 * anything is sent; a {@link RuntimeException} it throws becomes a 500 (the fake's own bug, shown
 * to the client as such rather than as a hung request).
 */
@FunctionalInterface
public interface Handler {
    Reply handle(Request request);
}
