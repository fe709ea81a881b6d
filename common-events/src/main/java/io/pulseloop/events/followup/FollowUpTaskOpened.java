package io.pulseloop.events.followup;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

import io.pulseloop.events.survey.Metric;

/** A task was opened for the contact's owner, due at {@code dueAt}. Score fields are empty for signals. */
@JsonTypeName("FollowUpTaskOpened")
public record FollowUpTaskOpened(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String taskId,
        TaskReason reason,
        String assigneeId,
        Instant dueAt,
        String surveyId,
        String responseId,
        Metric metric,
        Integer score,
        FollowUpState state) implements FollowUpTaskEvent {
}
