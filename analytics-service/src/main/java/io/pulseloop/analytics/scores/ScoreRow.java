package io.pulseloop.analytics.scores;

import java.time.Instant;
import java.time.LocalDate;

import io.pulseloop.analytics.query.Dimensions;
import io.pulseloop.events.survey.Metric;

/** A score fact as queries see it. */
public record ScoreRow(String responseId, int revision, String contactId, String accountId, String surveyId,
        Metric metric, int score, Instant answeredAt, LocalDate day, Dimensions dims, String comment, String locale,
        boolean erased) {
}
