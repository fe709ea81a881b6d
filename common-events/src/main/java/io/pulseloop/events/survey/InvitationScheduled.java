package io.pulseloop.events.survey;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A trigger passed the contact-pressure policy and a send is scheduled for {@code dueAt}. When
 * {@code delayedBy} is set (e.g. {@link SuppressionReason#QUIET_HOURS}) the send was pushed later than the
 * trigger's own delay by that rule.
 */
@JsonTypeName("InvitationScheduled")
public record InvitationScheduled(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String invitationId,
        String surveyId,
        int surveyVersion,
        Metric metric,
        Instant dueAt,
        SuppressionReason delayedBy,
        SurveyContext context) implements InvitationEvent {
}
