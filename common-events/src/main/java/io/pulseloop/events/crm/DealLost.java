package io.pulseloop.events.crm;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A deal with the contact was lost ({@code crm.deal.lost}); kept with its reason, never deleted. */
@JsonTypeName("DealLost")
public record DealLost(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String source,
        String sourceEventId,
        String dealId,
        Instant closedAt,
        String lossReason,
        String ownerId) implements CrmContactEvent {
}
