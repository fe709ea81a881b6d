package io.pulseloop.events.signal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A promoter who does not yet use every product: a conversation for sales. */
@JsonTypeName("UpsellOpportunityDetected")
public record UpsellOpportunityDetected(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String accountId,
        String ownerId,
        int latestScore,
        List<String> productsOwned,
        String explanation) implements SignalEvent {
}
