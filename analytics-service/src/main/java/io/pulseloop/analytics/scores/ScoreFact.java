package io.pulseloop.analytics.scores;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveyContext;

/**
 * One response as analytics counts it: keyed by response id, so a revision replaces the fact instead of
 * adding one, and a redelivered event changes nothing.
 */
@Document("score_facts")
record ScoreFact(
        @Id String responseId,
        int revision,
        String contactId,
        String surveyId,
        Metric metric,
        int score,
        ScoreCategory category,
        String comment,
        String locale,
        Instant answeredAt,
        SurveyContext context) {
}
