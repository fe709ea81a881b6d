package io.pulseloop.events.followup;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The task ended without work: its answer was revised out of the band ({@code REVISED_OUT_OF_BAND}) or the contact
 * was erased ({@code CONTACT_ERASED}).
 */
@JsonTypeName("FollowUpTaskCancelled")
public record FollowUpTaskCancelled(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String taskId,
        TaskReason reason,
        String cause,
        FollowUpState state) implements FollowUpTaskEvent {
}
