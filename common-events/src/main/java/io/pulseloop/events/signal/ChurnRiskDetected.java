package io.pulseloop.events.signal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeName;

import io.pulseloop.events.survey.Metric;

/**
 * The account's scores fell enough to suggest it may leave (contract §8.1): two or more detractor answers from
 * contacts of one key account within 30 days, or a contact's NPS falling from promoter to detractor.
 *
 * <p>One event per detection, keyed by {@link #contactId()}, the contact whose answer raised it (closed-loop opens
 * its {@code CHURN_RISK} task for that contact). {@link #evidenceContactIds()} names every contact whose answers
 * raised it, {@code contactId} included: crm-sync sets {@code pulseloop_churn_risk=true} on each of them.
 *
 * @param explanation why, in words an account manager understands
 * @param evidenceContactIds the contacts whose answers raised the risk (never null; empty in events written before
 *     the field existed)
 * @param evidenceResponseIds the responses (answers) that raised it
 */
@JsonTypeName("ChurnRiskDetected")
public record ChurnRiskDetected(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String accountId,
        String ownerId,
        Metric metric,
        Integer previousScore,
        int latestScore,
        String explanation,
        List<String> evidenceContactIds,
        List<String> evidenceResponseIds) implements SignalEvent {

    public ChurnRiskDetected {
        evidenceContactIds = evidenceContactIds == null ? List.of() : List.copyOf(evidenceContactIds);
        evidenceResponseIds = evidenceResponseIds == null ? List.of() : List.copyOf(evidenceResponseIds);
    }

    /** The shape before the evidence fields: no evidence. */
    public ChurnRiskDetected(String eventId, Instant occurredAt, String contactId, String correlationId,
            String accountId, String ownerId, Metric metric, Integer previousScore, int latestScore,
            String explanation) {
        this(eventId, occurredAt, contactId, correlationId, accountId, ownerId, metric, previousScore, latestScore,
                explanation, List.of(), List.of());
    }
}
