package io.pulseloop.response.intake;

import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.response.rules.AnswerPolicy;

/**
 * What became of an answer.
 *
 * @param outcome   started (a new response), revised, or unchanged (a repeated one-click score)
 * @param published whether Kafka acknowledged the events before this returned; when {@code false} they are
 *                  stored in the outbox and the relay publishes them later
 */
public record AnswerReceipt(String responseId, String invitationId, AnswerPolicy.Kind outcome, int revision,
        int score, ScoreCategory category, boolean completed, boolean published) {

    /** Whether this answer created the response (rather than revising it). */
    public boolean created() {
        return outcome == AnswerPolicy.Kind.STARTED;
    }
}
