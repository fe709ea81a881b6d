/**
 * Writing scores, follow-up state, marketing pause and churn risk back to the CRM (contract §8): a durable,
 * coalescing outbox per contact, a background dispatcher, and the CRM call behind Resilience4j.
 */
package io.pulseloop.crmsync.writeback;
