package io.pulseloop.events.signal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A previously detected churn risk no longer holds (scores recovered, or the risk task was resolved). */
@JsonTypeName("ChurnRiskCleared")
public record ChurnRiskCleared(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String accountId,
        String explanation) implements SignalEvent {
}
