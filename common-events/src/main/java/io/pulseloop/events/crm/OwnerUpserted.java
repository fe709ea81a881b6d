package io.pulseloop.events.crm;

import java.time.Instant;

/**
 * An owner (account manager, salesperson) was created or changed in the CRM ({@code crm.owner.upserted}).
 * Published on {@code crm.owners.v1}, keyed by owner id. Owners are not contacts, so {@code PulseloopEvent}
 * does not apply; {@code managerId} is where an overdue follow-up task escalates.
 */
public record OwnerUpserted(
        String eventId,
        Instant occurredAt,
        String correlationId,
        String source,
        String sourceEventId,
        String ownerId,
        String email,
        String name,
        String managerId,
        String team) {
}
