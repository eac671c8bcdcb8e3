/** Implementation details of the Spring Boot starter. Not an API. */
package dev.authkit.spring.internal;
