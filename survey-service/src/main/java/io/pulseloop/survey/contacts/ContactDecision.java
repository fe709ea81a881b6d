package io.pulseloop.survey.contacts;

import java.time.Instant;

import io.pulseloop.survey.policy.DecisionKind;

/**
 * A decision about the contact as a whole rather than one invitation: erasure, opting out of surveys.
 *
 * @param eventId the event that caused it; at most one decision per event
 */
public record ContactDecision(String eventId, DecisionKind kind, String rule, String surveyId, String invitationId,
        String triggerType, Instant decidedAt, String detail) {
}
