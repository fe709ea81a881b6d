package io.pulseloop.analytics.themes;

import java.util.Arrays;
import java.util.Locale;

import io.pulseloop.analytics.query.BadQueryException;
import io.pulseloop.events.survey.Metric;

/** The score bands a theme query compares: the band is also the sentiment the customer gave. */
enum Category {
    PROMOTER(Metric.NPS, 9, 10),
    PASSIVE(Metric.NPS, 7, 8),
    DETRACTOR(Metric.NPS, 0, 6),
    SATISFIED(Metric.CSAT, 4, 5),
    NEUTRAL(Metric.CSAT, 3, 3),
    DISSATISFIED(Metric.CSAT, 1, 2),
    EASY(Metric.CES, 5, 7),
    DIFFICULT(Metric.CES, 1, 3);

    private final Metric metric;
    private final int low;
    private final int high;

    Category(Metric metric, int low, int high) {
        this.metric = metric;
        this.low = low;
        this.high = high;
    }

    Metric metric() {
        return metric;
    }

    /** Whether a score of {@code scoreMetric} falls in this band (CES "neutral" is 4, as CSAT's is 3). */
    boolean contains(Metric scoreMetric, int score) {
        if (this == NEUTRAL && scoreMetric == Metric.CES) {
            return score == 4;
        }
        return scoreMetric == metric && score >= low && score <= high;
    }

    /** The negative band of a metric, the default question "what do unhappy customers talk about?". */
    static Category negativeOf(Metric metric) {
        return switch (metric) {
            case NPS -> DETRACTOR;
            case CSAT -> DISSATISFIED;
            case CES -> DIFFICULT;
        };
    }

    static Category parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new BadQueryException("category", "must be one of "
                        + String.join(", ", Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT))
                                .toList()) + ", not '" + value + "'"));
    }
}
