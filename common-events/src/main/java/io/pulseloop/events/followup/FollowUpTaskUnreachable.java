package io.pulseloop.events.followup;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The contact was not reached in {@code attempts} tries: the task ends without a resolution. */
@JsonTypeName("FollowUpTaskUnreachable")
public record FollowUpTaskUnreachable(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String taskId,
        TaskReason reason,
        int attempts,
        FollowUpState state) implements FollowUpTaskEvent {
}
