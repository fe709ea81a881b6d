package io.pulseloop.survey.policy;

import java.time.Instant;

/** An invitation of the contact that is planned but not yet sent; it already holds its place in the window. */
public record PendingInvitation(String invitationId, String surveyId, Instant dueAt) {
}
