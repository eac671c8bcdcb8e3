/** Stage 3, routes authkit answers itself: client files, callback, sign-in, sign-up, sign-out, the JSON API. */
package dev.authkit.core.internal.routes;
