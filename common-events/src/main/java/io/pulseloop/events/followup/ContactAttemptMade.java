package io.pulseloop.events.followup;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The assignee tried to reach the contact; when not reached, the next attempt is due at {@code nextAttemptAt}. */
@JsonTypeName("ContactAttemptMade")
public record ContactAttemptMade(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String taskId,
        TaskReason reason,
        String attemptedBy,
        boolean reached,
        String note,
        Instant nextAttemptAt,
        FollowUpState state) implements FollowUpTaskEvent {
}
