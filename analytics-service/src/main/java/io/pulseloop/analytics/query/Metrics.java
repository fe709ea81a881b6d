package io.pulseloop.analytics.query;

import java.util.Locale;

import io.pulseloop.events.survey.Metric;

/** Parses the {@code metric} parameter. */
public final class Metrics {

    private Metrics() {
    }

    /** @throws BadQueryException naming {@code metric} unless NPS, CSAT or CES (any case); {@code null} if absent */
    public static Metric parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Metric.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new BadQueryException("metric", "must be one of NPS, CSAT, CES, not '" + value + "'");
        }
    }
}
