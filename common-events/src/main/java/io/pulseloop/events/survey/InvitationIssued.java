package io.pulseloop.events.survey;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * An invitation's token exists and its email is about to be handed to the SMTP relay. Published, and acknowledged
 * by Kafka, before the email leaves, so that response-service knows the token by the time anyone can click it;
 * {@link InvitationSent} follows once the relay accepted the email. Carries the same page data as
 * {@code InvitationSent}: the SHA-256 of the token (hex), its expiry, the locale, the survey snapshot and the
 * context. An issued invitation whose email then fails for good is followed by {@link InvitationSuppressed} or
 * {@link InvitationExpired}, never by {@code InvitationSent}; its token was never delivered, so nobody can use it.
 */
@JsonTypeName("InvitationIssued")
public record InvitationIssued(
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
