package io.pulseloop.events.response;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The first answer to an invitation arrived (at least a score). */
@JsonTypeName("ResponseStarted")
public record ResponseStarted(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String responseId,
        String invitationId,
        String surveyId,
        ResponseChannel channel) implements ResponseEvent {
}
