/**
 * The CRM's CloudEvents of contract §2.1 as crm-sync reads them from {@code crm.inbound.v1}: their attributes and the
 * canonical event each stands for. Contracts only; the reader that validates them lives in crm-sync-service, the one
 * service that reads CRM CloudEvents.
 */
package io.pulseloop.events.crm.inbound;
