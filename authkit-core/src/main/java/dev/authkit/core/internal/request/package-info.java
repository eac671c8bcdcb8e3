/** Stage 1, the request: parsed once into a RequestContext; raw path scanning, canonical paths, query and cookie parsing, the one URL and origin validator. */
package dev.authkit.core.internal.request;
