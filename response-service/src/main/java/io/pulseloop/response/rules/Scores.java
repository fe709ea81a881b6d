package io.pulseloop.response.rules;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;

/** The scales of the three metrics and the band each score falls in (see {@link ScoreCategory}). */
public final class Scores {

    private Scores() {
    }

    /** Whether {@code score} lies on the metric's scale, bounds included. */
    public static boolean isOnScale(Metric metric, int score) {
        return score >= metric.min() && score <= metric.max();
    }

    /**
     * The band of a score: NPS promoter 9–10, passive 7–8, detractor 0–6; CSAT satisfied 4–5, neutral 3,
     * dissatisfied 1–2; CES easy 5–7, neutral 4, difficult 1–3.
     *
     * @throws IllegalArgumentException if the score is not on the metric's scale
     */
    public static ScoreCategory categorize(Metric metric, int score) {
        if (!isOnScale(metric, score)) {
            throw new IllegalArgumentException(score + " is not on the " + metric + " scale " + metric.min()
                    + "–" + metric.max());
        }
        return switch (metric) {
            case NPS -> score >= 9 ? ScoreCategory.PROMOTER
                    : score >= 7 ? ScoreCategory.PASSIVE : ScoreCategory.DETRACTOR;
            case CSAT -> score >= 4 ? ScoreCategory.SATISFIED
                    : score == 3 ? ScoreCategory.NEUTRAL : ScoreCategory.DISSATISFIED;
            case CES -> score >= 5 ? ScoreCategory.EASY
                    : score == 4 ? ScoreCategory.NEUTRAL : ScoreCategory.DIFFICULT;
        };
    }
}
