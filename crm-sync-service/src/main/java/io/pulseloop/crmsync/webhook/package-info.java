/**
 * CRM events in over signed HTTPS webhooks ({@code POST /api/v1/crm/webhooks}, contract §2.2): size limit,
 * signature and replay window, validation, and the hand-over to {@code crm.inbound.v1}.
 */
package io.pulseloop.crmsync.webhook;
