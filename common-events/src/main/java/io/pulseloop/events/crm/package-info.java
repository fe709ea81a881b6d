/**
 * Canonical CRM events: what crm-sync-service makes of the CloudEvents a CRM publishes, after validation
 * and deduplication.
 */
package io.pulseloop.events.crm;
