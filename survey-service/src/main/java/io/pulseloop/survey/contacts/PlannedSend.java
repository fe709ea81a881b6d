package io.pulseloop.survey.contacts;

import java.time.Instant;

/** A hint on the contact: an invitation of {@code surveyId} is planned for {@code dueAt} (the invitation decides). */
public record PlannedSend(String surveyId, Instant dueAt) {
}
