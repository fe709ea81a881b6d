/**
 * An SMTP server for tests that captures every message a service sends.
 */
package io.pulseloop.testsupport.mail;
