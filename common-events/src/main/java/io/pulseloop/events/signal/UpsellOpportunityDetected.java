package io.pulseloop.events.signal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A promoter whose account has not bought every product seen so far in won deals: a conversation for sales
 * (contract §8.1). crm-sync sets {@code pulseloop_upsell_candidate=true} on {@link #contactId()}.
 *
 * @param productsMissing the products won elsewhere that the account has not bought (never null)
 * @param evidenceResponseIds the promoter answer that raised it (never null)
 * @param evidenceDealIds the account's won deals (what it owns) (never null)
 */
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
        String explanation,
        List<String> productsMissing,
        List<String> evidenceResponseIds,
        List<String> evidenceDealIds) implements SignalEvent {

    public UpsellOpportunityDetected {
        productsMissing = productsMissing == null ? List.of() : List.copyOf(productsMissing);
        evidenceResponseIds = evidenceResponseIds == null ? List.of() : List.copyOf(evidenceResponseIds);
        evidenceDealIds = evidenceDealIds == null ? List.of() : List.copyOf(evidenceDealIds);
    }

    /** The shape before the evidence fields: no evidence. */
    public UpsellOpportunityDetected(String eventId, Instant occurredAt, String contactId, String correlationId,
            String accountId, String ownerId, int latestScore, List<String> productsOwned, String explanation) {
        this(eventId, occurredAt, contactId, correlationId, accountId, ownerId, latestScore, productsOwned,
                explanation, List.of(), List.of(), List.of());
    }
}
