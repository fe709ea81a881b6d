package io.pulseloop.events.followup;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

import io.pulseloop.events.survey.Metric;

/**
 * A later answer or a revision of the contact updated the open task of the same reason instead of opening another;
 * {@code score} is the latest (empty for signals).
 */
@JsonTypeName("FollowUpTaskUpdated")
public record FollowUpTaskUpdated(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String taskId,
        TaskReason reason,
        String surveyId,
        String responseId,
        Metric metric,
        Integer score,
        FollowUpState state) implements FollowUpTaskEvent {
}
