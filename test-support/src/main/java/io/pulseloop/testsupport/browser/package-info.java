/**
 * A real browser for tests: the system's headless Chromium driven through the system's chromedriver.
 */
package io.pulseloop.testsupport.browser;
