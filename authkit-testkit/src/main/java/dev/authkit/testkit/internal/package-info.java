/** Implementation details of the testkit. Not an API. */
package dev.authkit.testkit.internal;
