/**
 * A real headless Chromium for browser tests: {@link dev.authkit.testsupport.browser.Chromium} drives the
 * machine's Chromium through {@code playwright-core} from npm, so pages and authkit's browser client
 * are tested as users run them.
 */
package dev.authkit.testsupport.browser;
