package io.pulseloop.events.crm;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A support ticket of the contact was closed ({@code crm.ticket.closed}); the usual CSAT trigger. */
@JsonTypeName("TicketClosed")
public record TicketClosed(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String source,
        String sourceEventId,
        String ticketId,
        Instant closedAt,
        String ticketType,
        String technicianId,
        String subject) implements CrmContactEvent {
}
