/**
 * Real infrastructure and shared test fixtures for Pulseloop's integration and architecture tests.
 */
package io.pulseloop.testsupport;
