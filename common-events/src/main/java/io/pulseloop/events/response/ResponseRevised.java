package io.pulseloop.events.response;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A further answer to the same invitation replaced the score: the response still counts once, with
 * {@code score}. {@code revision} starts at 1 for the first answer, so the first revision is 2.
 */
@JsonTypeName("ResponseRevised")
public record ResponseRevised(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String responseId,
        String invitationId,
        String surveyId,
        int revision,
        Integer previousScore,
        int score,
        ResponseChannel channel) implements ResponseEvent {
}
