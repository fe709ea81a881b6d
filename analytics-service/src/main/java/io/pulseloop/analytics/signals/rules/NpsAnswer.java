package io.pulseloop.analytics.signals.rules;

import java.time.Instant;

/** One NPS response as the signal rules remember it: its latest score and the time of its first answer. */
public record NpsAnswer(String responseId, String contactId, int score, Instant answeredAt) {

    boolean promoter() {
        return score >= 9;
    }

    boolean detractor() {
        return score <= 6;
    }
}
