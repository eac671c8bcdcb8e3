/** Implementation details of the servlet adapter. Not an API. */
package dev.authkit.servlet.internal;
