/**
 * What every Pulseloop service does the same way, auto-configured: staff security, problem+json errors, tolerant
 * event reading, publishing with acks, MongoDB leases and the outbox relay, OpenAPI and tracing. No business rule
 * lives here, and nothing here knows a service.
 */
package io.pulseloop.platform;
