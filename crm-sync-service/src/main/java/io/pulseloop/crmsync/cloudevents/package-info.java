/**
 * Reading the CRM's CloudEvents 1.0 (contract §2.1) — structured mode, binary mode and batches — into the canonical
 * events of {@code common-events}, with validation that names the missing or wrong field. Plain Java: only
 * crm-sync reads CRM CloudEvents, so the reader lives here, not in the shared contracts (issue 9).
 */
package io.pulseloop.crmsync.cloudevents;
