/**
 * The Jakarta Servlet adapter of authkit-java: a filter for route protection and session refresh,
 * the callback and sign-out endpoints, and a request view that speaks WorkOS users and roles.
 * It only translates between the Servlet API and {@code dev.authkit.core}; the behaviour lives in
 * the core.
 */
package dev.authkit.servlet;
