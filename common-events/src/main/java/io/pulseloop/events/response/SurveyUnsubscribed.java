package io.pulseloop.events.response;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The contact unsubscribed from surveys through the link or the RFC 8058 one-click POST of an invitation.
 * survey-service never invites the contact again and records {@code UNSUBSCRIBED}.
 */
@JsonTypeName("SurveyUnsubscribed")
public record SurveyUnsubscribed(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String invitationId,
        String surveyId,
        boolean oneClick) implements ResponseEvent {
}
