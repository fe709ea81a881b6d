package io.pulseloop.events.followup;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The loop was closed: what was learned is in {@code rootCause}.
 *
 * @param recovered whether the staff member judged the customer recovered; {@code null} if not said
 */
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
        FollowUpState state,
        Boolean recovered) implements FollowUpTaskEvent {

    /** The event as first published, without {@code recovered}. */
    public FollowUpTaskResolved(String eventId, Instant occurredAt, String contactId, String correlationId,
            String taskId, TaskReason reason, String resolvedBy, String rootCause, String note, FollowUpState state) {
        this(eventId, occurredAt, contactId, correlationId, taskId, reason, resolvedBy, rootCause, note, state, null);
    }
}
