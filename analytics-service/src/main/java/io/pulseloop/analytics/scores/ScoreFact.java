package io.pulseloop.analytics.scores;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import io.pulseloop.analytics.query.Dimensions;
import io.pulseloop.events.survey.Metric;

/**
 * One response as analytics counts it, keyed by response id: a revision replaces the score, a redelivered or
 * older event changes nothing, and the response keeps the date of its first answer (contract §6.2).
 *
 * @param revision    the highest revision applied
 * @param eventId     the event that wrote that revision
 * @param answeredAt  the first answer's time; {@code day} is its UTC date ({@code yyyy-MM-dd}) for range filters
 * @param comment     the latest non-empty comment; removed when the contact is erased
 * @param erased      the contact was erased: the score stays, the comment is gone
 */
@Document("score_facts")
@CompoundIndex(name = "period_query", def = "{'metric': 1, 'surveyId': 1, 'day': 1}")
@CompoundIndex(name = "contact", def = "{'contactId': 1}")
record ScoreFact(
        @Id String responseId,
        int revision,
        String eventId,
        String contactId,
        String accountId,
        String surveyId,
        Metric metric,
        int score,
        Instant answeredAt,
        String day,
        Dimensions dims,
        String comment,
        String locale,
        boolean erased) {
}
