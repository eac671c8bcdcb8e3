/** Test support for Spring Boot applications: {@link dev.authkit.spring.test.AutoConfigureFakeWorkOS}. */
package dev.authkit.spring.test;
