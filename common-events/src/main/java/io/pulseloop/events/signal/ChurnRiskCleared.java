package io.pulseloop.events.signal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A previously detected churn risk of the account no longer holds: the account's next NPS answer was a promoter's
 * (contract §8.1). Keyed by {@link #contactId()}, the promoter whose answer cleared it.
 * {@link #evidenceContactIds()} names the contacts whose answers had raised the risk: crm-sync sets
 * {@code pulseloop_churn_risk=false} on each of them. The risk task stays open for its owner to resolve.
 *
 * @param evidenceContactIds the contacts whose answers had raised the risk (never null)
 * @param evidenceResponseIds the answer(s) that cleared it
 */
@JsonTypeName("ChurnRiskCleared")
public record ChurnRiskCleared(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String accountId,
        String explanation,
        List<String> evidenceContactIds,
        List<String> evidenceResponseIds) implements SignalEvent {

    public ChurnRiskCleared {
        evidenceContactIds = evidenceContactIds == null ? List.of() : List.copyOf(evidenceContactIds);
        evidenceResponseIds = evidenceResponseIds == null ? List.of() : List.copyOf(evidenceResponseIds);
    }

    /** The shape before the evidence fields: no evidence. */
    public ChurnRiskCleared(String eventId, Instant occurredAt, String contactId, String correlationId,
            String accountId, String explanation) {
        this(eventId, occurredAt, contactId, correlationId, accountId, explanation, List.of(), List.of());
    }
}
