/** Side room: the checks behind AuthKitConfig. */
package dev.authkit.core.internal.config;
