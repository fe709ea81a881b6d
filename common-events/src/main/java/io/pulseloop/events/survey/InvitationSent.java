package io.pulseloop.events.survey;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The invitation email was accepted by the SMTP relay. Carries everything response-service needs to serve
 * the survey page without asking anyone: the SHA-256 of the token (hex; the token itself exists only in the
 * email), its expiry, the contact's locale, the survey as it was sent, and the context snapshot.
 */
@JsonTypeName("InvitationSent")
public record InvitationSent(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String invitationId,
        String surveyId,
        String tokenHash,
        Instant expiresAt,
        String locale,
        SurveySnapshot survey,
        SurveyContext context) implements InvitationEvent {
}
