package io.pulseloop.events.signal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

import io.pulseloop.events.survey.Metric;

/**
 * The contact's scores fell enough to suggest they may leave, e.g. NPS from 9 to 5 at a key account.
 *
 * @param explanation why, in words an account manager understands
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
        String explanation) implements SignalEvent {
}
