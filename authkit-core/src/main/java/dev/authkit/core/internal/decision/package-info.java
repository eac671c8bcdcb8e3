/** Stage 7, the decision: route protection, access rules, and the answers when a request may not go on. */
package dev.authkit.core.internal.decision;
