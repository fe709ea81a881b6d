package io.pulseloop.events.signal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A contact's earlier upsell opportunity no longer holds: their later answer was a detractor's or a passive's
 * (contract §8.1). crm-sync sets {@code pulseloop_upsell_candidate=false} on {@link #contactId()}.
 *
 * @param evidenceResponseIds the answer that withdrew it (never null)
 */
@JsonTypeName("UpsellOpportunityWithdrawn")
public record UpsellOpportunityWithdrawn(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String accountId,
        String explanation,
        List<String> evidenceResponseIds) implements SignalEvent {

    public UpsellOpportunityWithdrawn {
        evidenceResponseIds = evidenceResponseIds == null ? List.of() : List.copyOf(evidenceResponseIds);
    }

    /** Without evidence. */
    public UpsellOpportunityWithdrawn(String eventId, Instant occurredAt, String contactId, String correlationId,
            String accountId, String explanation) {
        this(eventId, occurredAt, contactId, correlationId, accountId, explanation, List.of());
    }
}
