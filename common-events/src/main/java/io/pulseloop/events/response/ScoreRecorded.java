package io.pulseloop.events.response;

import java.time.Instant;
import java.util.Map;

import io.pulseloop.events.PulseloopEvent;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveyContext;

/**
 * A score, on topic {@code response.scores.v1} keyed by contact id: one per answer and one per revision.
 * Consumers count a response once by {@code responseId} and keep the highest {@code revision}.
 *
 * @param comment  the answer to the "why?" question, plain text as typed (never HTML); {@code null} if none
 * @param answers  extra question id to answer (option id, rating or text)
 * @param locale   the language the survey was answered in
 * @param revision 1 for the first answer, then 2, 3, … for revisions
 */
public record ScoreRecorded(
        String eventId,
        Instant occurredAt,
        String contactId,
        String correlationId,
        String responseId,
        String invitationId,
        int revision,
        String surveyId,
        int surveyVersion,
        Metric metric,
        int score,
        ScoreCategory category,
        String comment,
        Map<String, String> answers,
        String locale,
        ResponseChannel channel,
        Instant invitedAt,
        SurveyContext context) implements PulseloopEvent {
}
