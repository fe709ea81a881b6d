/**
 * Telling people: emails to assignees and managers and signed webhook posts (Slack or Teams), queued durably in the
 * {@code alerts} collection and delivered with retries, backoff and a per-endpoint rate limit.
 */
package io.pulseloop.closedloop.alerts;
