package io.pulseloop.response.api;

import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.response.intake.AnswerReceipt;

/**
 * The answer to {@code POST /api/v1/responses}.
 *
 * @param status    {@code created} (201), {@code revised} or {@code unchanged} (200)
 * @param published {@code true} once Kafka acknowledged the answer's events; {@code false} when Kafka did not
 *                  within {@code pulseloop.events.publish.ack-timeout} (broker down or slow): the answer is stored all the same and the
 *                  outbox relay publishes its events when Kafka is back
 */
record ResponseAccepted(String responseId, String invitationId, int revision, int score, ScoreCategory category,
        boolean completed, String status, boolean published) {

    static ResponseAccepted of(AnswerReceipt receipt) {
        String status = switch (receipt.outcome()) {
            case STARTED -> "created";
            case REVISED -> "revised";
            case UNCHANGED -> "unchanged";
        };
        return new ResponseAccepted(receipt.responseId(), receipt.invitationId(), receipt.revision(),
                receipt.score(), receipt.category(), receipt.completed(), status, receipt.published());
    }
}
