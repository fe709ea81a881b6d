/**
 * CRM events in over Kafka ({@code crm.inbound.v1}): validation, durable deduplication by source and id, erasure
 * tombstones, canonical events out on {@code crm.contacts.v1} / {@code crm.owners.v1}, poison records to
 * {@code crm.inbound.v1.dlq}.
 */
package io.pulseloop.crmsync.inbound;
