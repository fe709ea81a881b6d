/**
 * A clock that tests move by hand, so delays, windows, SLAs and expiries are tested without waiting.
 */
package io.pulseloop.testsupport.time;
