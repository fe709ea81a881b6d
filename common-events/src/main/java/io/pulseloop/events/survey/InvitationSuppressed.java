package io.pulseloop.events.survey;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A trigger (or a due send) did not become an invitation, and {@code reason} says which rule decided.
 * {@code invitationId} identifies the decision even though nothing was sent.
 *
 * @param detail a human-readable explanation, e.g. "last invitation 2026-11-02, window P30D"
 */
@JsonTypeName("InvitationSuppressed")
public record InvitationSuppressed(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String invitationId,
        String surveyId,
        String triggerEventId,
        SuppressionReason reason,
        String detail) implements InvitationEvent {
}
