package io.pulseloop.events.response;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The respondent finished: the follow-up answer (possibly empty) was submitted. */
@JsonTypeName("ResponseCompleted")
public record ResponseCompleted(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String responseId,
        String invitationId,
        String surveyId,
        ResponseChannel channel) implements ResponseEvent {
}
