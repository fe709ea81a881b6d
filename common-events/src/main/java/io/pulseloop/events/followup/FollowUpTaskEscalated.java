package io.pulseloop.events.followup;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The task passed its due time unresolved and moved to the previous assignee's manager. */
@JsonTypeName("FollowUpTaskEscalated")
public record FollowUpTaskEscalated(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String taskId,
        TaskReason reason,
        String previousAssigneeId,
        String escalatedToId,
        Instant dueAt,
        FollowUpState state) implements FollowUpTaskEvent {
}
