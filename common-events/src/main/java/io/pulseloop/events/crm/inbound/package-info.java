/**
 * Reading the CRM's CloudEvents 1.0 (contract §2.1) — structured mode, binary mode and batches — into
 * canonical events, with validation that names the missing or wrong field.
 */
package io.pulseloop.events.crm.inbound;
