package io.pulseloop.events.followup;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The loop was closed: what was learned is in {@code rootCause}. */
@JsonTypeName("FollowUpTaskResolved")
public record FollowUpTaskResolved(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String taskId,
        TaskReason reason,
        String resolvedBy,
        String rootCause,
        String note,
        FollowUpState state) implements FollowUpTaskEvent {
}
