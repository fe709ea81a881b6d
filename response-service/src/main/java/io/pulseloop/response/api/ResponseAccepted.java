package io.pulseloop.response.api;

import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.response.intake.AnswerReceipt;

/**
 * The answer to {@code POST /api/v1/responses}.
 *
 * @param status {@code created} (201), {@code revised} or {@code unchanged} (200), or {@code pending} (202: stored,
 *               Kafka has not acknowledged yet, the relay publishes it)
 */
record ResponseAccepted(String responseId, String invitationId, int revision, int score, ScoreCategory category,
        boolean completed, String status) {

    static ResponseAccepted of(AnswerReceipt receipt) {
        String status = !receipt.published() ? "pending"
                : switch (receipt.outcome()) {
                    case STARTED -> "created";
                    case REVISED -> "revised";
                    case UNCHANGED -> "unchanged";
                };
        return new ResponseAccepted(receipt.responseId(), receipt.invitationId(), receipt.revision(),
                receipt.score(), receipt.category(), receipt.completed(), status);
    }
}
