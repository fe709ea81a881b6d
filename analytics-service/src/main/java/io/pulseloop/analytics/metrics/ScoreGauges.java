package io.pulseloop.analytics.metrics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.pulseloop.analytics.AnalyticsProperties;
import io.pulseloop.analytics.query.Period;
import io.pulseloop.analytics.scores.ScoreFacts;
import io.pulseloop.analytics.statistics.ScoreTally;

/**
 * Per survey, over the last {@code pulseloop.analytics.gauge-window} (30 days): {@code pulseloop.analytics.score}
 * (NPS −100..100, CSAT 0..100 % satisfied, CES mean 1..7) and {@code pulseloop.analytics.responses}, both tagged
 * {@code survey} and {@code metric} (Prometheus: {@code pulseloop_analytics_score{survey,metric}},
 * {@code pulseloop_analytics_responses{survey,metric}}). Recomputed every {@code gauge-refresh} by one scan of the
 * window, so a scrape never touches MongoDB.
 */
@Component
class ScoreGauges {

    private final ScoreFacts facts;
    private final AnalyticsProperties properties;
    private final Clock clock;
    private final MultiGauge score;
    private final MultiGauge responses;

    ScoreGauges(ScoreFacts facts, AnalyticsProperties properties, Clock clock, MeterRegistry meters) {
        this.facts = facts;
        this.properties = properties;
        this.clock = clock;
        this.score = MultiGauge.builder("pulseloop.analytics.score")
                .description("Score per survey over the last 30 days (NPS, CSAT % satisfied, CES mean)")
                .register(meters);
        this.responses = MultiGauge.builder("pulseloop.analytics.responses")
                .description("Responses per survey over the last 30 days").register(meters);
    }

    @Scheduled(fixedDelayString = "${pulseloop.analytics.gauge-refresh:PT1M}", initialDelay = 5_000)
    void refresh() {
        LocalDate today = LocalDate.now(clock);
        Period window = new Period(today.minusDays(properties.gaugeWindow().toDays() - 1), today);
        Map<List<String>, ScoreTally> tallies = new HashMap<>();
        facts.forEach(null, null, window, null, row -> tallies
                .computeIfAbsent(List.of(row.surveyId() == null ? "unknown" : row.surveyId(), row.metric().name()),
                        k -> new ScoreTally(row.metric()))
                .add(row.score()));
        List<MultiGauge.Row<?>> scores = new ArrayList<>();
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        tallies.forEach((key, tally) -> {
            Tags tags = Tags.of("survey", key.get(0), "metric", key.get(1));
            scores.add(MultiGauge.Row.of(tags, tally.score()));
            counts.add(MultiGauge.Row.of(tags, tally.responses()));
        });
        score.register(scores, true);
        responses.register(counts, true);
    }
}
