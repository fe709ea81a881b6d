package io.pulseloop.analytics;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of analytics-service ({@code pulseloop.analytics.*}).
 *
 * @param minSample      groups with fewer responses are marked {@code lowSample} (contract §6.2, default 30)
 * @param publishSignals publish churn and upsell signals on {@code analytics.signals.v1}; switched off for a
 *                       rebuild (the state is rebuilt, the signals were published the first time)
 * @param themeMinCount  a theme term needs at least this many comments of the category
 * @param gaugeRefresh   how often the per-survey score gauges are recomputed
 * @param gaugeWindow    the window of the gauges (the last 30 days)
 */
@Validated
@ConfigurationProperties("pulseloop.analytics")
public record AnalyticsProperties(
        @Min(1) @DefaultValue("30") int minSample,
        @DefaultValue("true") boolean publishSignals,
        @Min(1) @DefaultValue("2") int themeMinCount,
        @DefaultValue("PT1M") Duration gaugeRefresh,
        @DefaultValue("P30D") Duration gaugeWindow) {
}
