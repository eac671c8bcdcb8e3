/**
 * Implementation details of authkit-core. Not an API: anything here may change in any release.
 */
package dev.authkit.core.internal;
