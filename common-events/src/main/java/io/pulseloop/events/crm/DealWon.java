package io.pulseloop.events.crm;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The contact bought ({@code crm.deal.won}); the usual relationship-NPS trigger. */
@JsonTypeName("DealWon")
public record DealWon(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String source,
        String sourceEventId,
        String dealId,
        Instant closedAt,
        BigDecimal amount,
        String currency,
        String product,
        String ownerId) implements CrmContactEvent {
}
