package io.pulseloop.events.survey;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The one reminder for an unanswered invitation was sent; it counts against the contact's fatigue window. */
@JsonTypeName("InvitationReminded")
public record InvitationReminded(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String invitationId,
        String surveyId) implements InvitationEvent {
}
